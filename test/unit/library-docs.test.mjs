// Every library option an extractor reports (OptionMention) has hover documentation in knowledge/libraries,
// with the version its semantics were read from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import laravel from '../../dist/lib/extract/laravel/index.js';
import symfony from '../../dist/lib/extract/symfony/index.js';
import flask from '../../dist/lib/extract/flask/index.js';
import express from '../../dist/lib/extract/express/index.js';
import hosting from '../../dist/lib/extract/hosting/index.js';
import staticHeaders from '../../dist/lib/extract/static-headers/index.js';
import traefik from '../../dist/lib/extract/traefik/index.js';
import envoy from '../../dist/lib/extract/envoy/index.js';
import caddy from '../../dist/lib/extract/caddy/index.js';
import { allLibraryDocs, optionDoc } from '../../dist/lib/knowledge/libraries/index.js';
import { fixtureSet } from '../helpers.mjs';
import aws from '../../dist/lib/extract/aws/index.js';

for (const [ext, name, re, min] of [[laravel, 'laravel', /\.php$/, 50], [symfony, 'symfony', /\.ya?ml$/, 50], [flask, 'flask', /\.py$/, 40], [express, 'express', /\.[cm]?[jt]sx?$/, 40], [hosting, 'hosting', /\.json$/, 50], [staticHeaders, 'static-headers', /(netlify\.toml|_headers)$/, 20], [traefik, 'traefik', /\.(ya?ml|toml)$/, 30], [envoy, 'envoy', /\.ya?ml$/, 20], [caddy, 'caddy', /addyfile/, 1], [aws, 'aws', /\.(json|ya?ml|tf|xml)$/, 150]]) {
  test(`${name}: every option mention of every fixture has docs`, async () => {
    const { dir, run } = fixtureSet(ext, name);
    const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => re.test(f) && !f.startsWith('__'));
    let n = 0;
    for (const f of files) {
      const { facts } = await run(f);
      for (const m of facts.optionMentions) {
        n++;
        const d = optionDoc(m.library, m.option);
        assert.ok(d, `${f}: ${m.library} ${m.option}`);
        assert.ok(d.markdown.length > 40, `${m.option}: says what it sends`);
      }
    }
    assert.ok(n >= min, `${name}: ${n} mentions`);
  });
}

test('library docs: ids unique, a version and a docs link each', () => {
  const ids = allLibraryDocs().map((l) => l.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const l of allLibraryDocs()) {
    assert.match(l.version, /\d+\.\d+/, l.id);
    assert.match(l.docs ?? '', /^https:\/\//, l.id);
  }
});
