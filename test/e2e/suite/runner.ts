/**
 * A tiny test runner for the editor tests (no mocha in the project): tests run one after another, each
 * bounded by a timeout; results go to the console (which the launcher forwards to stdout); `runAll`
 * rejects when any test failed, which makes VS Code exit with code 1.
 */

export interface TestCase {
  name: string;
  fn: () => Promise<void> | void;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * One console message per line, each marked: the workbench forwards the extension host's console among
 * its own log lines, and the launcher prints only the marked ones.
 */
export function report(text: string): void {
  for (const line of text.split('\n')) console.log(`[e2e] ${line}`);
}

export async function runAll(title: string, tests: readonly TestCase[]): Promise<void> {
  const only = process.env.CORS_LINT_E2E_GREP ? new RegExp(process.env.CORS_LINT_E2E_GREP) : undefined;
  const selected = only ? tests.filter((t) => only.test(t.name)) : tests;
  const failures: { name: string; error: unknown }[] = [];
  const t0 = Date.now();
  report(`\n${title}`);
  for (const t of selected) {
    const start = Date.now();
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs ?? DEFAULT_TIMEOUT_MS, t.name);
      report(`  ✔ ${t.name} (${Date.now() - start} ms)`);
    } catch (error) {
      failures.push({ name: t.name, error });
      report(`  ✘ ${t.name} (${Date.now() - start} ms)`);
    }
  }
  const passed = selected.length - failures.length;
  report(`\n${passed} passing, ${failures.length} failing (${Date.now() - t0} ms)`);
  failures.forEach((f, i) => {
    const e = f.error as { stack?: string; message?: string };
    report(`\n  ${i + 1}) ${f.name}\n${indent(e?.stack ?? e?.message ?? String(f.error))}`);
  });
  if (failures.length) throw new Error(`${failures.length} of ${selected.length} editor tests failed`);
}

function indent(s: string): string {
  return s
    .split('\n')
    .map((l) => '     ' + l)
    .join('\n');
}

function withTimeout<T>(p: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
