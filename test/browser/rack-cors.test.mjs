// rack-cors refuses `origins '*'` with `credentials: true` when the resource is declared: the app does not start
// (Rack::Cors::Resource::CorsMisconfigurationError), so no browser ever sees the `*` + credentials answer that
// wildcard-origin-with-credentials describes. Here the real library (Debian's ruby-rack-cors 1.1.1 on ruby-rack
// 2.2) builds the middleware of the Ruby fixture, then of the file the CLI's --fix wrote (trusted origin set):
// that one starts and echoes only the trusted origin, with credentials.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, missingTools, root } from './harness.mjs';
import { requireTool } from '../missing-tool.mjs';

/** Build the Rack app of a Rails initializer (on a stand-in middleware stack, as rbServers.mjs does) and make
 *  one request with `origin`: prints the error class, or the Allow-Origin and Allow-Credentials sent. */
function boot(file, origin) {
  const rb = `require 'rack'
require 'rack/cors'
BUILDER = Rack::Builder.new
module Rails
  Stack = Struct.new(:b) { def insert_before(_w, k, *a, &blk) = b.use(k, *a, &blk) }
  def self.application = Struct.new(:config).new(Struct.new(:middleware).new(Stack.new(BUILDER)))
end
BUILDER.instance_eval(File.read(ARGV[0]))
BUILDER.run(->(_e) { [200, {}, ['ok']] })
begin
  app = BUILDER.to_app
  _, h, _ = app.call(Rack::MockRequest.env_for('/api/x', 'HTTP_ORIGIN' => ARGV[1]))
  puts "ACAO=#{h['Access-Control-Allow-Origin'].inspect} ACAC=#{h['Access-Control-Allow-Credentials'].inspect}"
rescue => e
  puts e.class
end
`;
  return spawnSync(BIN.ruby, ['-e', rb, file, origin], { encoding: 'utf8', timeout: 30000 });
}

test("rack-cors: origins '*' with credentials stops the app; the quick fix starts it", { timeout: 60000 }, (t) => {
  if (requireTool(t, 'browser/rack', missingTools().rack)) return;
  const dir = mkdtempSync(join(tmpdir(), 'cors-lint-rack-cors-'));
  try {
    const file = join(dir, 'cors.rb');
    copyFileSync(join(root, 'test/fixtures/ruby/initializer_wildcard_credentials.rb'), file);
    const before = boot(file, 'https://evil.example.net');
    assert.equal(before.stdout.trim(), 'Rack::Cors::Resource::CorsMisconfigurationError', before.stderr);
    writeFileSync(join(dir, '.corslintrc.json'), JSON.stringify({ trustedOrigins: ['https://app.example.com'] }));
    const fix = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--fix', '--format', 'json', dir], { cwd: dir, encoding: 'utf8', timeout: 30000 });
    assert.match(readFileSync(file, 'utf8'), /origins 'https:\/\/app\.example\.com'\n/, fix.stdout + fix.stderr);
    assert.equal(boot(file, 'https://app.example.com').stdout.trim(), 'ACAO="https://app.example.com" ACAC="true"');
    assert.equal(boot(file, 'https://evil.example.net').stdout.trim(), 'ACAO=nil ACAC=nil');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// What the Ruby extractor models (extract/ruby/rackCors.ts), asked of the real library: one line per request.
const SEMANTICS = `require 'rack'
require 'rack/cors'
def app(&blk) = Rack::Cors.new(->(_e) { [200, {}, ['ok']] }, &blk)
def ask(a, origin, method = 'GET', extra = {})
  _, h, _ = a.call(Rack::MockRequest.env_for('/b', { method: method, 'HTTP_ORIGIN' => origin }.merge(extra)))
  [h['Access-Control-Allow-Origin'], h['Access-Control-Allow-Credentials'], h['Vary']].inspect
end
a = app { allow { origins 'example.com', 'null', '*.example.com', 'https://a.com/', 'https://B.com'; resource '*' } }
%w[http://example.com https://example.com null https://x.example.com https://a.com https://b.com].each { |o| puts "entries #{o} #{ask(a, o)}" }
a = app { allow { origins 'https://x.com'; resource '/b', credentials: true; origins '*' } }
puts "star-after #{ask(a, 'https://evil.net')}"
a = app { allow { origins /example\\.com/; resource '*' } }
puts "regex #{ask(a, 'https://example.com.evil.net')}"
a = app { allow { origins 'https://a.com'; resource '*', methods: ['get', 'PUT'] } }
puts "upper-method #{ask(a, 'https://a.com', 'OPTIONS', 'HTTP_ACCESS_CONTROL_REQUEST_METHOD' => 'PUT')}"
a = app { allow { origins 'https://a.com'; resource '*', vary: 'Accept' } }
puts "vary #{ask(a, 'https://a.com')}"
`;

test('rack-cors: entries, regexes, late wildcards, method case and vary as the extractor models them', { timeout: 60000 }, (t) => {
  if (requireTool(t, 'browser/rack', missingTools().rack)) return;
  const r = spawnSync(BIN.ruby, ['-e', SEMANTICS], { encoding: 'utf8', timeout: 30000 });
  assert.deepEqual(r.stdout.trim().split('\n'), [
    // no scheme: any scheme with that host (a regex entry); 'null' and '*.example.com' match nothing;
    // with a scheme: exact (the slash and the upper case never match)
    'entries http://example.com ["http://example.com", nil, "Origin"]',
    'entries https://example.com ["https://example.com", nil, "Origin"]',
    'entries null [nil, nil, "Origin"]',
    'entries https://x.example.com [nil, nil, "Origin"]',
    'entries https://a.com [nil, nil, "Origin"]',
    'entries https://b.com [nil, nil, "Origin"]',
    // '*' after the resource: every origin gets in, and the resource (not public) echoes it with credentials
    'star-after ["https://evil.net", "true", "Origin"]',
    'regex ["https://example.com.evil.net", nil, "Origin"]',
    // the preflight of PUT is compared in lower case: 'PUT' never matches (no CORS headers)
    'upper-method [nil, nil, nil]',
    'vary ["https://a.com", nil, "Accept"]',
  ], r.stderr);
});
