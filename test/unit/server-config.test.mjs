// Apache or nginx by content (service/server-config.ts), and which paths the content decides for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isServerConfigCandidate, serverConfigFormat } from '../../dist/lib/service/server-config.js';
import { extractorsFor } from '../../dist/lib/service/analyze.js';
import '../helpers.mjs';

const ids = (path, languageId, text) => extractorsFor(path, languageId, text).map((e) => e.id).sort();

/** What each text is read as: Apache, nginx, or neither (undefined). */
const CASES = [
  // Apache by its sections and its own directives.
  ['apache', [
    '<VirtualHost *:443>\n  ServerName x\n</VirtualHost>\n',
    '<Directory /var/www>\n  AllowOverride All\n</Directory>\n',
    'RewriteEngine On\nRewriteRule ^ - [E=CORS:1]\n',
    'SetEnvIf Origin "^https://(a|b)\\.example\\.com$" ORIGIN=$0\n',
    '  Header always set Access-Control-Allow-Origin "*"\n',
  ]],
  // nginx by add_header, its own `;` directives, or a block with directives.
  ['nginx', [
    'if ($request_method = OPTIONS) { add_header Access-Control-Max-Age 600; return 204; }\n',
    'proxy_set_header Host $host;\n', // nginx-proxy vhost.d/<host>
    'include /etc/nginx/snippets/cors;\n',
    'listen 443 ssl;\nserver_name api.example.com;\n',
    'upstream app {\n  server 127.0.0.1:3000;\n}\n',
    'location /api/ {\n  proxy_pass http://app;\n}\n',
  ]],
  // Neither: other .conf formats, comments, prose, both kinds at once.
  [undefined, [
    '[program:web]\ncommand=/usr/bin/gunicorn app:app\nenvironment=CORS="*"\n', // supervisord
    '[Service]\nExecStart=/usr/bin/app\nEnvironment=LISTEN=80\n', // systemd drop-in
    '[www]\nlisten = /run/php/php-fpm.sock\n;listen.owner = www-data\n', // PHP-FPM pool
    'play.filters.cors {\n  allowedOrigins = ["*"]\n}\nplay.server {\n  http {\n    port = 9000\n  }\n}\n', // HOCON
    'options {\n  directory "/var/cache/bind";\n};\ninclude "/etc/bind/named.conf.local";\n', // BIND
    'set -g mouse on\nbind r source-file ~/.tmux.conf\n', // tmux
    '# add_header Access-Control-Allow-Origin *;\n# Header set Access-Control-Allow-Origin "*"\n', // comments only
    'Listen 80\nServerName x\n', // Apache words, but nothing only Apache has
    '<VirtualHost *:80>\n</VirtualHost>\nserver {\n  listen 80;\n}\n', // both
  ]],
];

test('Apache or nginx by content, conservatively: other formats and mixed files are neither', () => {
  for (const [format, texts] of CASES) for (const t of texts) assert.equal(serverConfigFormat(t), format, t);
});

test('paths the content decides for', () => {
  for (const p of ['/srv/site.conf', 'apache.conf', '/a/conf/httpd-cors.conf', '/x/site.vhost', '/etc/nginx/sites-available/default',
    '/p/vhost.d/example.com', '/p/vhost.d/example.com_location', '/p/conf.d/default', '/p/sites-enabled/000-default']) {
    assert.ok(isServerConfigCandidate(p), p);
  }
  for (const p of ['/p/conf/README.md', '/p/conf/app.json', '/p/sites-available/site.bak', '/p/conf.d/.keep', '/p/conf/sub/default', '/p/default', '/p/app.py']) {
    assert.ok(!isServerConfigCandidate(p), p);
  }
});

test('selection: the file name says the format first; then the content; never both extractors', () => {
  const APACHE = 'Header set Access-Control-Allow-Origin "*"\n';
  const NGINX = 'add_header Access-Control-Allow-Origin *;\n';
  assert.deepEqual(ids('/etc/nginx/nginx.conf', undefined, APACHE), ['nginx'], 'the name wins');
  assert.deepEqual(ids('/etc/nginx/nginx.conf', 'conf', APACHE), ['nginx'], 'also over a generic id');
  assert.deepEqual(ids('/www/.htaccess', undefined, NGINX), ['apache']);
  assert.deepEqual(ids('/srv/conf.d/api.conf', undefined, NGINX), ['nginx']);
  assert.deepEqual(ids('/srv/conf.d/api.conf', undefined, APACHE), ['apache']);
  assert.deepEqual(ids('/srv/conf.d/api.conf', undefined, APACHE + NGINX), []);
  assert.deepEqual(ids('/srv/conf.d/api.conf', undefined, 'key = value\n'), []);
  assert.deepEqual(ids('/srv/notes/cors', undefined, NGINX), [], 'not a config path, no editor id');
  assert.deepEqual(ids('/srv/site.conf', 'nginx', APACHE), ['apache'], 'content that is only the other format');
  assert.deepEqual(ids('/srv/site.conf', 'nginx', 'key = value\n'), ['nginx'], 'else the id is honoured');
  assert.deepEqual(ids('/etc/nginx/nginx.conf', 'apache', 'server {'), ['apache'], 'an Apache id over an nginx name');
});
