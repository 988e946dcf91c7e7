// The README's GitHub code-scanning recipe: its `cors-lint --format sarif --output-file …` step, run through
// the real CLI (dist/server/cli.js) on a project with a finding of every rule and on an empty project, and
// the output validated against the official SARIF 2.1.0 JSON schema (the copy that the npm package
// @microsoft/jest-sarif ships, read from node_modules: nothing is fetched).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { root } from '../helpers.mjs';
import { rules } from '../../dist/lib/rules/registry.js';
import { ruleHelpText, ruleMarkdownBody } from '../../dist/lib/service/docs.js';

const SCHEMA = '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';
let dir;
let validate;

/** The workflow's `cors-lint …` step in the README, as arguments, and the file upload-sarif reads. */
function workflowStep() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes('github/codeql-action/upload-sarif'));
  assert.ok(block, 'the README has a workflow that uploads SARIF');
  const run = /^\s*- run: cors-lint (.+)$/m.exec(block);
  const upload = /^\s*sarif_file: (\S+)$/m.exec(block);
  assert.ok(run && upload, 'the workflow runs cors-lint and uploads its file');
  return { args: run[1].trim().split(/\s+/), sarifFile: upload[1] };
}

/** Runs the step in `cwd` as the workflow does (`cors-lint` = the bundled CLI); returns exit code and SARIF. */
function runStep(cwd) {
  const { args, sarifFile } = workflowStep();
  assert.equal(args[args.indexOf('--output-file') + 1], sarifFile, 'the step writes the file that is uploaded');
  const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  assert.match(r.stderr, /^cors-lint: \d+ files? read[^\n]*\n$/, 'stderr holds only the coverage line');
  assert.equal(r.stdout, '', 'the report goes to the file');
  return { code: r.status, sarif: JSON.parse(readFileSync(join(cwd, sarifFile), 'utf8')) };
}

function assertValid(sarif) {
  assert.ok(validate(sarif), `not valid SARIF 2.1.0:\n${JSON.stringify(validate.errors, null, 1)}`);
}

before(() => {
  const schema = JSON.parse(readFileSync(createRequire(join(root, 'package.json')).resolve(SCHEMA), 'utf8'));
  // The schema is draft-04; one of its patterns is only valid without the regex `u` flag.
  const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  validate = ajv.compile(schema);
  dir = mkdtempSync(join(tmpdir(), 'cors-lint-sarif-'));
  // One folder per rule holding its first documented invalid example: a finding of every rule.
  for (const r of rules) {
    const ex = r.examples.invalid[0];
    mkdirSync(join(dir, 'project', r.id), { recursive: true });
    writeFileSync(join(dir, 'project', r.id, ex.path), ex.code);
  }
  mkdirSync(join(dir, 'empty'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the validator rejects what the schema forbids (it is not vacuous)', () => {
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), false);
  assert.equal(validate({ version: '2.0.0', runs: [] }), false);
});

test('a project with a finding of every rule: exit 1, valid SARIF, every rule with its documentation as help', () => {
  const { code, sarif } = runStep(join(dir, 'project'));
  assert.equal(code, 1, 'errors fail the step (the upload step runs anyway)');
  assertValid(sarif);
  const run = sarif.runs[0];
  assert.deepEqual(new Set(run.results.map((x) => x.ruleId)), new Set(rules.map((r) => r.id)));
  for (const res of run.results) {
    assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    assert.ok(!res.locations[0].physicalLocation.artifactLocation.uri.startsWith('/'), 'paths relative to %SRCROOT%');
  }
  assert.ok(run.results.some((x) => x.relatedLocations?.length) && run.results.some((x) => x.fixes?.length), 'related locations and fixes are validated too');
  for (const r of rules) {
    const d = run.tool.driver.rules.find((x) => x.id === r.id);
    assert.equal(d.help.markdown, ruleMarkdownBody(r), `${r.id}: help is the rule's page`);
    assert.equal(d.help.text, ruleHelpText(r));
    assert.equal(d.shortDescription.text, r.docs.summary);
    assert.ok(d.fullDescription.text.includes(r.docs.why));
    assert.equal(d.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note' }[r.severity]);
    assert.deepEqual(d.properties.tags, ['cors', r.category]);
    assert.equal('security-severity' in d.properties, r.category === 'security', `${r.id}: security-severity only on security rules`);
  }
  // No web address that does not exist: no helpUri / informationUri anywhere.
  assert.doesNotMatch(JSON.stringify(sarif), /"(helpUri|informationUri)"/);
});

test('an empty project: exit 0 and valid SARIF with the rules and no results', () => {
  const { code, sarif } = runStep(join(dir, 'empty'));
  assert.equal(code, 0);
  assertValid(sarif);
  assert.deepEqual(sarif.runs[0].results, []);
  assert.equal(sarif.runs[0].tool.driver.rules.length, rules.length);
  assert.ok(existsSync(join(dir, 'empty', workflowStep().sarifFile)));
});
