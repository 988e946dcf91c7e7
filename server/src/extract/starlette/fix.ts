/** Rule fixes written as CORSMiddleware keyword arguments. */
import type { FileFacts, FixRequest, TextEdit } from '../../model/index.js';
import type { SourceFile } from '../types.js';
import type { Analysis } from './index.js';
import { pyList } from '../common.js';


export function renderStarletteFix(req: FixRequest, _facts: FileFacts, _file: SourceFile, a: Analysis): TextEdit[] | undefined {
  const at = (id: string) => {
    const i = a.policies.findIndex((p) => p.id === id);
    return i < 0 ? undefined : a.decls[i];
  };
  switch (req.kind) {
    case 'set-origins': {
      const d = at(req.policyId);
      if (!d || !req.origins.length || d.opaque) return [];
      const list = pyList(req.origins);
      const o = d.options.get('allow_origins');
      if (o) return [{ span: o.value.span, newText: list }];
      const last = d.call.args.at(-1);
      if (!last) return [];
      return [{ span: { start: last.span.end, end: last.span.end }, newText: `, allow_origins=${list}` }];
    }
    case 'remove-credentials': {
      const d = at(req.policyId);
      const c = d?.options.get('allow_credentials');
      if (!c) return [];
      return [{ span: c.value.span, newText: 'False' }];
    }
    default:
      return undefined; // list entries, max-age, option names: the generic renderer edits the literal
  }
}
