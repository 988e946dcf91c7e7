// django-cors-headers forgives a trailing slash or path in CORS_ALLOWED_ORIGINS when matching (the browser
// test of invalid-allowlist-entry shows the page can read), but its system check refuses the entry
// (corsheaders.E014), which stops `manage.py check`, `migrate` and `runserver`: that is what the finding says.
// Here the real check (Debian's python3-django + python3-django-cors-headers 3.14) runs on the rule's
// example, then on the file the CLI's --fix wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, missingTools, root } from './harness.mjs';
import { requireTool } from '../missing-tool.mjs';

const { ruleById } = await import(pathToFileURL(join(root, 'dist/lib/rules/registry.js')).href);

function djangoCheck(dir) {
  writeFileSync(join(dir, 'check_settings.py'), "SECRET_KEY = 'x'\nINSTALLED_APPS = ['corsheaders']\nfrom settings import *  # noqa\n");
  const py = `import os, sys\nsys.path.insert(0, ${JSON.stringify(dir)})\nos.environ['DJANGO_SETTINGS_MODULE'] = 'check_settings'\nimport django\ndjango.setup()\nfrom django.core.management import call_command\ncall_command('check')\n`;
  return spawnSync(BIN.python, ['-c', py], { encoding: 'utf8', timeout: 30000, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
}

test('django-cors-headers system check refuses the trailing-slash entry; the quick fix satisfies it', { timeout: 60000 }, (t) => {
  if (requireTool(t, 'browser/django', missingTools().django)) return;
  const ex = ruleById('invalid-allowlist-entry').examples.invalid.find((e) => e.path === 'settings.py');
  const dir = mkdtempSync(join(tmpdir(), 'cors-lint-django-check-'));
  try {
    writeFileSync(join(dir, 'settings.py'), ex.code);
    const before = djangoCheck(dir);
    assert.notEqual(before.status, 0, before.stdout + before.stderr);
    assert.match(before.stderr, /corsheaders\.E014/);
    const fix = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--fix', '--format', 'json', join(dir, 'settings.py')], { encoding: 'utf8', timeout: 30000 });
    assert.match(readFileSync(join(dir, 'settings.py'), 'utf8'), /CORS_ALLOWED_ORIGINS = \['https:\/\/app\.example\.com'\]/, fix.stderr);
    const after = djangoCheck(dir);
    assert.equal(after.status, 0, after.stdout + after.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
