import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers.mjs';
import { renderReadme } from '../../server/docs.mjs';

test('README starts with the two set-up commands', () => {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const head = text.split('\n').slice(0, 30).join('\n');
  assert.match(head, /npm ci && npm start/);
  assert.match(head, /npm ci && npm test/);
});

test('README rules table and rule docs are generated from the rule metadata (run `npm run docs`)', async () => {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  assert.equal(text, await renderReadme(text), 'README.md is stale: run `npm run docs`');
});
