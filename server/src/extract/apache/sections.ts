/**
 * The walk over an Apache file: sections become scopes (labels, `<VirtualHost>` ServerName, the conditions
 * of `<If>`/`<ElseIf>`/`<Else>`; `<IfModule>` and the like stay transparent), and each directive goes to
 * its reader (Header, RequestHeader, SetEnvIf and friends, RewriteEngine/RewriteCond/RewriteRule).
 */
import type { ApacheDirective, ApacheNode, ApacheSection } from '../../syntax/apache.js';
import type { SourceFile } from '../types.js';
import { parseFlags, rewriteRule, setEnvIf } from './envSetters.js';
import { readExpr } from './expr.js';
import { headerDirective } from './header.js';
import { addSetter, mention, type Ctx, type ScopeNode } from './model.js';
import { isCorsName, mentionOriginIn } from './names.js';

/** Sections that do not start a new set of responses (their content applies where they stand). */
const TRANSPARENT = new Set(['ifmodule', 'ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection', 'limit', 'limitexcept']);

function sectionLabel(text: string, sec: ApacheSection): string {
  if (sec.args.length === 0) return sec.name;
  const a = sec.args[0].span.start;
  const b = sec.args[sec.args.length - 1].span.end;
  return `${sec.name} ${text.slice(a, b).replace(/\s+/g, ' ')}`;
}

export function fileLabel(path: string): string {
  const parts = path.split('/');
  return parts[parts.length - 1] || path;
}

export function walk(ctx: Ctx, nodes: ApacheNode[], scope: ScopeNode, file: SourceFile): void {
  let lastIf: ScopeNode | undefined;
  for (const node of nodes) {
    if (node.type === 'section') {
      const lname = node.name.toLowerCase();
      if (TRANSPARENT.has(lname)) {
        walk(ctx, node.children, scope, file);
        continue;
      }
      const child: ScopeNode = {
        scope: {
          kind: 'block',
          label: sectionLabel(ctx.text, node),
          path: [...scope.scope.path, sectionLabel(ctx.text, node)],
          span: node.span,
        },
        parent: scope,
        children: [],
        section: node,
        lname,
        writes: [],
        rewriteConds: [],
        preflightRules: [],
      };
      if (lname === 'if' || lname === 'elseif') {
        const a = node.args[0];
        const info = a ? readExpr(a.value, a.verbatim ? a.valueSpan.start : undefined, a.valueSpan) : undefined;
        if (info) for (const s of info.originNameSpans) mention(ctx, 'Origin', s);
        child.cond = { method: lname === 'if' ? info?.method : undefined, conditional: true, expr: info };
        if (lname === 'if') lastIf = child;
      } else if (lname === 'else') {
        const m = lastIf?.cond?.method;
        child.cond = { method: m === 'options-only' ? 'non-options' : m === 'non-options' ? 'options-only' : undefined, conditional: true };
      }
      if (lname !== 'if' && lname !== 'elseif' && lname !== 'else') lastIf = undefined;
      if (lname === 'virtualhost') {
        const sn = node.children.find((c): c is ApacheDirective => c.type === 'directive' && c.name.toLowerCase() === 'servername');
        if (sn?.args[0]) {
          child.scope.label += ` (${sn.args[0].value})`;
          child.scope.path[child.scope.path.length - 1] = child.scope.label;
        }
      }
      scope.children.push(child);
      walk(ctx, node.children, child, file);
      continue;
    }
    directive(ctx, node, scope);
  }
}

function directive(ctx: Ctx, d: ApacheDirective, scope: ScopeNode): void {
  const name = d.name.toLowerCase();
  switch (name) {
    case 'header':
      headerDirective(ctx, d, scope);
      return;
    case 'requestheader':
      if (d.args[1] && isCorsName(d.args[1].value.replace(/:$/, '').toLowerCase())) mention(ctx, d.args[1].value.replace(/:$/, ''), d.args[1].valueSpan);
      return;
    case 'setenvif':
    case 'setenvifnocase':
      setEnvIf(ctx, d, scope);
      return;
    case 'setenv':
      if (d.args[0]) addSetter(ctx, d.args[0].value, d.args[1] ? { kind: 'literal', node: scope, text: d.args[1].value } : { kind: 'other', node: scope });
      return;
    case 'unsetenv':
    case 'setenvifexpr':
    case 'browsermatch':
    case 'browsermatchnocase':
      for (const a of d.args.slice(name === 'unsetenv' ? 0 : 1)) addSetter(ctx, a.value.split('=')[0].replace(/^!/, ''), { kind: 'other', node: scope });
      return;
    case 'rewriteengine':
      if (d.args[0]) scope.rewriteEngine = d.args[0].value.toLowerCase() === 'on';
      return;
    case 'rewritecond': {
      const [test, pattern, flagArg] = d.args;
      if (!test || !pattern) return;
      mentionOriginIn(ctx, test);
      scope.rewriteConds.push({ test: test.value, pattern, flags: parseFlags(flagArg?.value) });
      return;
    }
    case 'rewriterule':
      rewriteRule(ctx, d, scope);
      scope.rewriteConds = [];
      return;
  }
}
