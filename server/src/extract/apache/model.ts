/**
 * The Apache analysis model: the scope tree built from sections (ScopeNode), the header writes found in it
 * before their values are resolved (Draft), the directives that set env variables (EnvSetter), and the
 * context of one file's analysis (Ctx), with the helpers the readers share.
 */
import type { FileFacts, HeaderWrite, OriginCheck, Scope, Span } from '../../model/index.js';
import type { ApacheArg, ApacheSection } from '../../syntax/apache.js';
import type { ExprInfo } from './expr.js';

export const ID = 'apache';

export interface ScopeNode {
  scope: Scope;
  parent?: ScopeNode;
  children: ScopeNode[];
  section?: ApacheSection;
  lname: string;
  writes: Draft[];
  /** From an enclosing `<If>`/`<ElseIf>`/`<Else>` of this very node. */
  cond?: { method?: 'options-only' | 'non-options'; conditional: boolean; expr?: ExprInfo };
  rewriteEngine?: boolean;
  rewriteConds: RewriteCond[];
  preflightRules: Span[];
}

interface RewriteCond {
  test: string;
  pattern: ApacheArg;
  flags: string[];
}

export interface Draft {
  write: HeaderWrite;
  node: ScopeNode;
  table: 'always' | 'onsuccess';
  /** The raw value argument and how to read it. */
  valueArg?: ApacheArg;
  own?: ExprInfo;
  conditionKind?: 'env' | 'expr';
  /** The env variable the value reads (`%{VAR}e`). */
  envVar?: string;
  /** httpd adds `Vary: Origin` itself because an ap_expr of this write reads Origin via req()/http(). */
  varyOrigin?: boolean;
}

export type EnvSetter =
  | { kind: 'origin'; node: ScopeNode; check?: OriginCheck; via: string; /** SetEnvIf's regex argument. */ reArg?: ApacheArg }
  | { kind: 'literal'; node: ScopeNode; text: string }
  | { kind: 'other'; node: ScopeNode };

export function ancestorsOrSelf(n: ScopeNode): ScopeNode[] {
  const out: ScopeNode[] = [];
  for (let x: ScopeNode | undefined = n; x; x = x.parent) out.unshift(x);
  return out;
}

export interface Ctx {
  text: string;
  facts: FileFacts;
  drafts: Draft[];
  env: Map<string, EnvSetter[]>;
  nextId: number;
}

export function addSetter(ctx: Ctx, name: string, s: EnvSetter): void {
  const list = ctx.env.get(name) ?? [];
  list.push(s);
  ctx.env.set(name, list);
}

export function mention(ctx: Ctx, value: string, span: Span): void {
  ctx.facts.headerMentions.push({ value, span });
}
