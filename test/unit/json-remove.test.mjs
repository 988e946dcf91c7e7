// syntax/json.ts removeJsonEntry: removing an array element keeps the JSON valid wherever the element sits,
// also the last one written right before `]` (jsonc-parser's own removal left its last character there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeJsonEntry } from '../../dist/lib/syntax/json.js';

const remove = (text, needle) => {
  const edits = removeJsonEntry(text, text.lastIndexOf(needle));
  assert.equal(edits.length, 1);
  const [e] = edits;
  return text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
};

test('array elements: first, middle, last (compact and spaced), only', () => {
  assert.equal(remove('["a", "b", "c"]', '"a"'), '["b", "c"]');
  assert.equal(remove('["a", "b", "c"]', '"b"'), '["a", "c"]');
  assert.equal(remove('["a", "b"]', '"b"'), '["a"]');
  assert.equal(remove('{"h":[{"k":"a"},{"k":"b"}]}', '{"k":"b"}'), '{"h":[{"k":"a"}]}');
  assert.equal(remove('[ "a", "b" ]', '"b"'), '[ "a" ]');
  assert.equal(remove('["only"]', '"only"'), '[]');
  assert.equal(remove('[\n  "a",\n  "b"\n]', '"b"'), '[\n  "a"\n]');
  for (const t of ['["a", "b"]', '{"h":[{"k":"a"},{"k":"b"}]}']) JSON.parse(remove(t, t.includes('{"k":"b"}') ? '{"k":"b"}' : '"b"'));
});

test('object properties still go through jsonc-parser', () => {
  assert.equal(JSON.stringify(JSON.parse(remove('{"a": 1, "b": 2}', '"b"'))), '{"a":1}');
});
