/** Rule fixes written as django-cors-headers settings. */
import type { FileFacts, FixRequest, TextEdit } from '../../model/index.js';
import type { SourceFile } from '../types.js';
import { indentAt, lineEndAt, pyList } from '../common.js';
import type { Analysis } from './index.js';


export function renderDjangoFix(req: FixRequest, _facts: FileFacts, file: SourceFile, a: Analysis): TextEdit[] | undefined {
  const built = a.built!;
  const text = file.text;
  switch (req.kind) {
    case 'set-origins': {
      if (req.policyId !== built.policy.id || !req.origins.length) return [];
      const list = pyList(req.origins);
      const edits: TextEdit[] = [];
      const all = built.allowAll;
      const origins = built.origins;
      const listStmt = origins && origins.k !== 'default' ? origins.a : undefined;
      // Every allow-all setting this module states is turned off (the old name still counts when the new
      // one is gone); with nothing imported, a lone `CORS_ALLOW_ALL_ORIGINS = True` becomes the list. A list
      // written here after `from .base import *` wins over one in the imported module.
      const allStmts = ['CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL'].map((n) => a.module.settings.get(n)).filter((x) => x !== undefined);
      if (all?.k === 'unknown' && !all.a) return [];
      if (!listStmt && allStmts.length === 1 && !a.module.starImports.length) {
        return [{ span: allStmts[0].stmt.span, newText: `CORS_ALLOWED_ORIGINS = ${list}` }];
      }
      for (const s of allStmts) edits.push({ span: s.stmt.value.span, newText: 'False' });
      if (listStmt) edits.push({ span: listStmt.stmt.value.span, newText: list });
      else {
        const after = allStmts[0]?.stmt ?? a.module.settings.get('CORS_ALLOW_CREDENTIALS')?.stmt;
        if (!after) return [];
        const le = lineEndAt(text, after.span.end);
        edits.push({ span: { start: le, end: le }, newText: `\n${indentAt(text, after.span.start)}CORS_ALLOWED_ORIGINS = ${list}` });
      }
      return edits.sort((x, y) => x.span.start - y.span.start);
    }
    case 'remove-credentials': {
      const c = built.credentials;
      if (req.policyId !== built.policy.id || c.k !== 'stated') return [];
      return [{ span: c.a.stmt.value.span, newText: 'False' }];
    }
    default:
      return undefined; // list entries, max-age, option names: the generic renderer edits the literal
  }
}
