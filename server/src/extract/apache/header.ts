/**
 * `Header [onsuccess|always] action name [value] [early|env=[!]var|expr=...]` (mod_headers): one draft
 * write per valid directive on a CORS-ish name, in its table, with the condition it runs under (enclosing
 * `<If>` sections, its own env= or expr= argument). Values are resolved later (values.ts).
 */
import type { HeaderWrite } from '../../model/index.js';
import type { ApacheArg, ApacheDirective } from '../../syntax/apache.js';
import { H } from '../common.js';
import { readExpr, type ExprInfo } from './expr.js';
import { ancestorsOrSelf, ID, mention, type Ctx, type Draft, type ScopeNode } from './model.js';
import { isCorsName, mentionListValues } from './names.js';
import { isCorsWriteName } from '../../knowledge/headerNames.js';

export function headerDirective(ctx: Ctx, d: ApacheDirective, scope: ScopeNode): void {
  const args = d.args;
  let i = 0;
  let table: Draft['table'] = 'onsuccess';
  const first = args[0]?.value.toLowerCase();
  if (first === 'always' || first === 'onsuccess') {
    if (first === 'always') table = 'always';
    i = 1;
  }
  const actionArg = args[i];
  const nameArg = args[i + 1];
  if (!actionArg || !nameArg) return;
  const action = actionArg.value.toLowerCase();
  let name = nameArg.value;
  let nameSpan = nameArg.valueSpan;
  if (name.includes(':')) {
    name = name.slice(0, name.indexOf(':'));
    if (nameArg.verbatim) nameSpan = { start: nameSpan.start, end: nameSpan.start + name.length };
  }
  const lname = name.toLowerCase();
  if (isCorsName(lname)) mention(ctx, name, nameSpan);
  const rest = args.slice(i + 2);
  let valueArg: ApacheArg | undefined;
  let envArg: ApacheArg | undefined;
  let op: HeaderWrite['op'];
  switch (action) {
    case 'set':
    case 'add':
    case 'append':
    case 'merge':
    case 'setifempty':
      op = action;
      valueArg = rest[0];
      envArg = rest[1];
      if (!valueArg || rest.length > 2) return; // httpd refuses to start: not a write
      break;
    case 'unset':
      op = 'unset';
      envArg = rest[0];
      if (rest.length > 1) return;
      break;
    case 'edit':
    case 'edit*':
      op = 'edit';
      valueArg = undefined;
      envArg = rest[2];
      if (rest.length < 2 || rest.length > 3) return;
      break;
    default:
      return; // echo, note, typos: not a response header write we model
  }
  if (!isCorsWriteName(name)) return;
  if (lname === 'vary' && valueArg) mentionListValues(ctx, valueArg);
  if ((lname === H.allowHeaders || lname === H.exposeHeaders) && valueArg) mentionListValues(ctx, valueArg);

  // Condition of the write itself.
  let own: ExprInfo | undefined;
  let conditionKind: Draft['conditionKind'];
  if (envArg) {
    const v = envArg.value;
    if (/^env=/i.test(v)) conditionKind = 'env';
    else if (/^expr=/i.test(v)) {
      conditionKind = 'expr';
      own = readExpr(v.slice(5), envArg.verbatim ? envArg.valueSpan.start + 5 : undefined, envArg.valueSpan);
      for (const s of own.originNameSpans) mention(ctx, 'Origin', s);
    } else if (v.toLowerCase() !== 'early') return; // unknown parameter: httpd refuses the directive
  }
  let condition: HeaderWrite['condition'];
  for (const n of ancestorsOrSelf(scope)) {
    if (n.cond?.method) condition = n.cond.method;
    else if (n.cond?.conditional && !condition) condition = 'conditional';
  }
  if (own?.method) condition = own.method;
  else if (conditionKind && condition !== 'options-only' && condition !== 'non-options') condition = 'conditional';

  const write: HeaderWrite = {
    id: `apache-w${ctx.nextId++}`,
    name,
    nameSpan,
    value: op === 'unset' ? { kind: 'unknown', reason: 'unset' } : op === 'edit' ? { kind: 'unknown', reason: 'edit' } : { kind: 'unknown' },
    valueSpan: valueArg?.valueSpan,
    statementSpan: d.span,
    op,
    always: table === 'always',
    condition,
    layer: 'server-config',
    scope: scope.scope,
    extractor: ID,
  };
  const draft: Draft = { write, node: scope, table, valueArg, own, conditionKind };
  ctx.drafts.push(draft);
  scope.writes.push(draft);
}
