// The code engine on Ruby (code/adapt/ruby.ts, rubyExpr.ts, tables/ruby.ts): the common form of Ruby's idioms,
// constants, the request Origin in Rails / Sinatra / Rack, and the conditions that guard a write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureGrammar, parseWith } from '../../dist/lib/syntax/treeSitter.js';
import { codeOf, envOf, evaluate, RUBY_TABLE } from '../../dist/lib/code/index.js';
import { callStartingWith as find, callsWithGuards as calls } from './../helpers.mjs';

async function load(text) {
  assert.ok(await ensureGrammar('ruby'));
  return codeOf(parseWith('ruby', text).rootNode, text, RUBY_TABLE);
}

test('ruby: symbols, %w / %i words, interpolation, keyword arguments and blocks in the common form', async () => {
  const code = await load(`HOST = 'example.com'
ORIGINS = %w[https://a.com https://b.com].freeze
resource '/api/*', headers: :any, methods: %i[get post], 'max_age' => 600, credentials: true do |x|
  use("https://#{HOST}", :"quoted", 'it\\'s', "tab\\there")
end
`);
  const env = envOf(code);
  const [res] = code.program.body.filter((s) => s.k === 'expr').map((s) => s.expr);
  assert.equal(res.k, 'call');
  assert.equal(res.callee.name, 'resource');
  // the pairs are one trailing map
  assert.equal(res.args.length, 2);
  const opts = res.args[1].value;
  assert.equal(opts.k, 'map');
  assert.deepEqual(opts.entries.map((e) => e.key), ['headers', 'methods', 'max_age', 'credentials']);
  assert.equal(opts.entries[0].value.k, 'str');
  assert.equal(opts.entries[0].value.value, 'any');
  assert.equal(opts.entries[0].value.symbol, true);
  assert.deepEqual(evaluate(opts.entries[1].value, env).items.map((i) => i.value), ['get', 'post']);
  // the block is the call's function, with its parameter
  assert.equal(res.block.params[0].name, 'x');
  const inner = calls(code).find((c) => c.text.startsWith('use('));
  assert.deepEqual(inner.args.map((a) => a.value), ['https://example.com', 'quoted', "it's", 'tab\there']);
  // `.freeze` keeps the list
  const list = evaluate({ k: 'name', name: 'ORIGINS', span: { start: 0, end: 0 } }, env);
  assert.deepEqual(list.items.map((i) => i.value), ['https://a.com', 'https://b.com']);
  // exact spans inside a verbatim literal
  const a = list.items[0];
  assert.equal(code.text.slice(a.lit.inner.start, a.lit.inner.end), 'https://a.com');
});

test('ruby: the request Origin in Rails, Sinatra and Rack, and what guards a write', async () => {
  const code = await load(`ALLOWED = %w[https://a.com https://b.com]
class ApiController < ApplicationController
  TRUSTED = ['https://c.com']
  def cors
    origin = request.headers['Origin']
    return head(:forbidden) unless ALLOWED.include?(origin)
    response.set_header('A', origin)
  end

  def weak
    o = request.origin
    response.set_header('B', o) if o.end_with?('example.com')
    response.set_header('C', o) if o =~ /\\Ahttps:\\/\\/x\\.com\\z/
    response.set_header('D', o) if o.start_with?('https://x')
    response.set_header('E', o) unless o.nil?
    response.set_header('F', o) if TRUSTED.include?(o)
    case o
    when 'https://d.com', 'https://e.com' then response.set_header('G', o)
    end
    response.set_header('H', o == 'https://f.com' ? o : 'null')
  end
end
before do
  response['I'] = request.env['HTTP_ORIGIN']
end
app = ->(env) { [200, { 'J' => env['HTTP_ORIGIN'] }, []] }
`);
  const cs = calls(code);
  const a = find(cs, "response.set_header('A'");
  assert.equal(a.args[1].k, 'origin');
  assert.equal(a.guards.checks[0].check.kind, 'exact');
  assert.deepEqual(a.guards.checks[0].check.entries.map((e) => e.value), ['https://a.com', 'https://b.com']);
  assert.equal(find(cs, "response.set_header('B'").guards.checks[0].check.kind, 'suffix');
  const re = find(cs, "response.set_header('C'").guards.checks[0].check;
  assert.equal(re.kind, 'regex');
  assert.equal(re.entries[0].value, '\\Ahttps:\\/\\/x\\.com\\z');
  assert.equal(find(cs, "response.set_header('D'").guards.checks[0].check.kind, 'prefix');
  // a nil test checks nothing
  const e = find(cs, "response.set_header('E'").guards;
  assert.equal(e.present, true);
  assert.deepEqual(e.checks, []);
  // a class constant is seen by the methods of the class
  assert.deepEqual(find(cs, "response.set_header('F'").guards.checks[0].check.entries.map((x) => x.value), ['https://c.com']);
  assert.deepEqual(find(cs, "response.set_header('G'").guards.checks[0].check.entries.map((x) => x.value), ['https://d.com', 'https://e.com']);
  assert.equal(find(cs, "response.set_header('H'").args[1].k, 'choice');
  const env = envOf(code);
  const bodyOf = (pred) => {
    const out = [];
    const walk = (s) => { for (const c of s.children) { if (pred(c.fn)) out.push(c.fn); walk(c); } };
    walk(code.scopes.module);
    return out;
  };
  // Sinatra: request.env['HTTP_ORIGIN'] in a before filter; Rack: env['HTTP_ORIGIN'] in a lambda's returned triple
  const before = bodyOf((f) => f.body.some((s) => s.k === 'assign' && s.target.k === 'index'))[0];
  const assign = before.body.find((s) => s.k === 'assign');
  assert.equal(evaluate(assign.value, envOf(code, before)).k, 'origin');
  const lambda = bodyOf((f) => f.params[0]?.name === 'env')[0];
  const ret = lambda.body.at(-1);
  assert.equal(ret.k, 'return');
  assert.equal(evaluate(ret.value.items[1].entries[0].value, envOf(code, lambda)).k, 'origin');
  assert.ok(env);
});

test('ruby: unless, modifiers, elsif and case without a subject become ifs; raise / halt stop', async () => {
  const code = await load(`def f(o)
  halt 403 unless o
  if o == 'a' then x elsif o == 'b' then y else z end
  case
  when o == 'c' then w
  end
  raise 'no'
end
`);
  const fn = code.program.body[0].fn;
  const [guard, chain, caseIf, exit] = fn.body;
  assert.equal(guard.k, 'if');
  assert.equal(guard.test.k, 'not');
  assert.equal(guard.then[0].k, 'exit');
  assert.equal(chain.k, 'if');
  assert.equal(chain.else[0].k, 'if');
  assert.equal(chain.else[0].else.length, 1);
  assert.equal(caseIf.k, 'if');
  assert.equal(caseIf.test.op, '==');
  assert.equal(exit.k, 'exit');
});

test('ruby: half-typed and hostile input give a program, never an exception', async () => {
  for (const text of ['def f(\n  x = request.origin\n  if x', 'Rack::Cors do allow do origins', '\u0000\u0001 %w[ #{', '['.repeat(2000) + ']'.repeat(2000), 'a = ' + '('.repeat(500) + '1' + ')'.repeat(500)]) {
    const code = await load(text);
    assert.ok(Array.isArray(code.program.body));
    assert.equal(code.program.language, 'ruby');
  }
});
