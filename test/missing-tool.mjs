// A test layer whose tool is missing fails, naming the tool and the layer; it never passes by skipping.
// `npm test` provisions the tools itself (test/provision.sh); where it cannot (not root, no apt), the
// user may choose to skip those layers with CORS_LINT_ALLOW_MISSING_TOOLS=1 (README, "Testing").

export const ALLOW_MISSING = process.env.CORS_LINT_ALLOW_MISSING_TOOLS === '1';

/**
 * Call at the start of a test that needs a tool. `missing` is undefined/null when the tool is there, else
 * the reason (e.g. "nginx not installed"). Returns true when the test must stop (it was skipped);
 * throws when the tool is missing and skipping was not allowed.
 */
export function requireTool(t, layer, missing) {
  if (!missing) return false;
  if (ALLOW_MISSING) {
    t.skip(`${missing} (CORS_LINT_ALLOW_MISSING_TOOLS=1)`);
    return true;
  }
  throw new Error(
    `layer "${layer}" cannot run: ${missing}. As root, \`npm test\` installs it (test/provision.sh); ` +
      'or set CORS_LINT_ALLOW_MISSING_TOOLS=1 to skip the layers whose tools are missing.',
  );
}
