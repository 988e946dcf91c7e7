// The Java adapter of the code engine (code/adapt/java.ts, javaExpr.ts, tables/java.ts): what Java idioms
// become in the common form, and the origin checks the engine reads from them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureGrammar, parseWith } from '../../dist/lib/syntax/treeSitter.js';
import { codeOf, envOf, evaluate, walkFunc, summarize, JAVA_TABLE } from '../../dist/lib/code/index.js';
import './../helpers.mjs';

async function load(text) {
  assert.ok(await ensureGrammar('java'));
  return codeOf(parseWith('java', text).rootNode, text, JAVA_TABLE);
}

/** The guard summary and evaluated arguments at each call named `mark(...)` in the file's methods. */
function marks(code) {
  const out = [];
  const visit = (scope) => {
    for (const c of scope.children) {
      const env = envOf(code, c.fn);
      walkFunc({ body: c.fn.body }, (node, guards) => {
        if (node.expr?.k === 'call' && node.expr.callee.k === 'name' && node.expr.callee.name === 'mark') {
          out.push({ args: node.expr.args.map((a) => evaluate(a.value, env)), s: summarize(guards, env) });
        }
      });
      visit(c);
    }
  };
  visit(code.scopes.module);
  return out;
}

test('java: class constants are seen by every method; List.of / arrays are lists; concatenation is a string', async () => {
  const code = await load(`
class A {
  private static final String BASE = "https://app";
  static final List<String> ORIGINS = List.of(BASE + ".example.com", "https://b.example.com");
  static final String[] MORE = {"x", "y"};
  private String mutable = "m";
  void f() { mark(ORIGINS, MORE, BASE + "/x", mutable, """
      text""", 10L, -1, 'c'); }
}`);
  const [m] = marks(code);
  assert.deepEqual(m.args[0].items.map((i) => i.value), ['https://app.example.com', 'https://b.example.com']);
  assert.deepEqual(m.args[1].items.map((i) => i.value), ['x', 'y']);
  assert.equal(m.args[2].value, 'https://app/x');
  // a field that is not final may change: unknown; a text block strips indentation: unknown
  assert.equal(m.args[3].k, 'unknown');
  assert.equal(m.args[4].k, 'unknown');
  assert.equal(m.args[5].value, 10);
  assert.equal(m.args[6].value, -1);
  assert.equal(m.args[7].k, 'unknown');
});

test('java: equals / equalsIgnoreCase / contains / endsWith read as origin checks; == on strings is not equality', async () => {
  const code = await load(`
class F {
  static final Set<String> ALLOWED = Set.of("https://a.example.com");
  void f(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if ("https://a.example.com".equals(origin)) mark(1);
    if (ALLOWED.contains(origin)) mark(2);
    if (origin.endsWith(".example.com")) mark(3);
    if (origin == "https://a.example.com") mark(4);
    if (origin != null) mark(5);
    if (origin.matches("https://.*\\\\.example\\\\.com")) mark(6);
    if (!Objects.equals(origin, "https://a.example.com")) return;
    mark(7);
  }
  void g(@RequestHeader("Origin") String o, @RequestHeader(value = "X-Other") String x) {
    if (o.equalsIgnoreCase("https://b.example.com")) mark(8);
    if (x.equals("https://b.example.com")) mark(9);
  }
}`);
  const kinds = marks(code).map((m) => m.s.checks.map((c) => (c.k === 'check' ? c.check.kind : c.k)).join(',') || (m.s.present ? 'present' : 'none'));
  // == compares references: a test of the origin of unknown kind (never "no check", never equality)
  assert.deepEqual(kinds, ['exact', 'exact', 'suffix', 'unknown', 'present', 'unknown', 'exact', 'exact', 'none']);
});

test('java: switch groups fall through, OPTIONS tests read from HttpMethod constants and equals', async () => {
  const code = await load(`
class F {
  void f(HttpServletRequest request, ServerHttpRequest req) {
    switch (request.getMethod()) {
      case "GET":
      case "OPTIONS":
        mark(1);
        break;
      default:
        mark(2);
    }
    if (req.getMethod() == HttpMethod.OPTIONS) mark(3);
    if ("OPTIONS".equalsIgnoreCase(request.getMethod())) mark(4);
  }
}`);
  const ms = marks(code);
  assert.equal(ms[1].s.method, 'non-options');
  assert.equal(ms[2].s.method, 'options-only');
  assert.equal(ms[3].s.method, 'options-only');
});

test('java: annotations are decorators with named arguments; lambdas are functions', async () => {
  const code = await load(`
@CrossOrigin(origins = {"https://a.example.com"}, maxAge = 60)
class C {
  @GetMapping("/x") String x() { http.cors(cors -> cors.configurationSource(src)); return "x"; }
}`);
  const cls = code.program.body.find((s) => s.k === 'class');
  const deco = cls.decorators[0];
  assert.equal(deco.callee.name, 'CrossOrigin');
  assert.deepEqual(deco.args.map((a) => a.name), ['origins', 'maxAge']);
  assert.equal(deco.args[0].value.k, 'list');
  const m = cls.body.find((s) => s.k === 'func');
  assert.equal(m.fn.decorators[0].callee.name, 'GetMapping');
  const lambda = m.fn.body[0].expr.args[0].value;
  assert.equal(lambda.k, 'func');
  assert.deepEqual(lambda.fn.params.map((p) => p.name), ['cors']);
});
