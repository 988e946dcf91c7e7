/**
 * Origins read from configuration by name: `builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>()`,
 * `configuration["AllowedOrigins"]`, `config.GetValue<string>("Cors:Origin")`, `GetSection("K").Value`. The
 * value is taken from the `appsettings.json` of the project (the file's folder or one of its three parents,
 * through SourceFile.workspace: no IO here), and only when no `appsettings.<Environment>.json` beside it sets
 * the same key (configuration keys compare case-insensitively, `:` separates sections). Environment variables
 * and other providers may still override it at run time; a value that cannot be read stays unknown.
 */
import type { Expr } from '../../code/index.js';
import { parseJson, type JsonNode } from '../../syntax/json.js';
import { foldersUp } from '../common.js';
import type { Workspace } from '../types.js';

/** The configuration key an expression reads, if it is such a read. */
export function configKey(e: Expr): string | undefined {
  const lit = (x: Expr | undefined) => (x?.k === 'str' ? x.value : undefined);
  if (e.k === 'index' && looksLikeConfig(e.object)) return lit(e.index);
  if (e.k === 'member' && e.name === 'Value') return sectionKey(e.object);
  if (e.k !== 'call' || e.callee.k !== 'member') return undefined;
  const { name, object } = e.callee;
  if (name === 'Get' && !e.args.length) return sectionKey(object);
  if (name === 'GetValue' && e.args.length === 1 && looksLikeConfig(object)) return lit(e.args[0].value);
  return undefined;
}

function sectionKey(e: Expr): string | undefined {
  if (e.k !== 'call' || e.callee.k !== 'member' || e.callee.name !== 'GetSection' || e.args.length !== 1) return undefined;
  return e.args[0].value.k === 'str' ? e.args[0].value.value : undefined;
}

function looksLikeConfig(e: Expr): boolean {
  const name = e.k === 'name' ? e.name : e.k === 'member' ? e.name : '';
  return /^_?configuration$|^_?config$/i.test(name);
}

function lookup(root: JsonNode | undefined, key: string): JsonNode | undefined {
  let n = root;
  for (const part of key.split(':')) {
    if (n?.k !== 'obj') return undefined;
    n = n.props.findLast((p) => p.key.toLowerCase() === part.toLowerCase())?.value;
  }
  return n;
}

/** The value of `key` in the project's appsettings.json: strings, or undefined when unknown. */
export function configValue(path: string, ws: Workspace | undefined, key: string): string[] | undefined {
  if (!ws) return undefined;
  for (const dir of foldersUp(path, 4)) {
    const text = ws.read(`${dir}/appsettings.json`);
    if (text === undefined) continue;
    const overrides = (ws.list(dir) ?? []).filter((f) => /^appsettings\.[^.]+\.json$/i.test(f));
    for (const f of overrides) {
      const t = ws.read(`${dir}/${f}`);
      if (t === undefined || lookup(parseJson(t), key) !== undefined) return undefined;
    }
    const v = lookup(parseJson(text), key);
    if (v?.k === 'str') return [v.value];
    if (v?.k === 'arr' && v.items.every((i) => i.k === 'str')) return v.items.map((i) => (i as JsonNode & { k: 'str' }).value);
    return undefined;
  }
  return undefined;
}
