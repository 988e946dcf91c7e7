/**
 * Fixes written in nginx syntax: `always` on add_header, quoting of new values, removal of one header of a
 * multi-header more_set_headers, new add_header lines with the same indentation and `always` flag.
 */
import type { FileFacts, FixRequest, HeaderWrite, Span, TextEdit } from '../../model/index.js';
import { H, indentAt, lineEndAt, removalSpan, sameHeader } from '../common.js';
import type { SourceFile } from '../types.js';
import { parseNginx, walkNginx, type NginxArg, type NginxDirective } from '../../syntax/nginx.js';
import { INCLUDED_WRITE_PREFIX, moreArgs, splitSpec } from './analyze.js';

const HEADER_NAME = /^[A-Za-z0-9!#%&*+.^_`|~-]+$/;

interface Located {
  d: NginxDirective;
  /** For more_set_headers: the 'Name: value' argument of this write. */
  spec?: NginxArg;
}

function locate(text: string, w: HeaderWrite): Located | undefined {
  const cfg = parseNginx(text);
  let found: Located | undefined;
  walkNginx(cfg.directives, (d) => {
    if (found || d.span.start !== w.statementSpan.start || d.span.end !== w.statementSpan.end) return;
    if (d.name === 'add_header') found = { d };
    else if (d.name === 'more_set_headers') {
      const spec = moreArgs(d).specs.find((a) => a.span.start <= w.nameSpan.start && w.nameSpan.end <= a.span.end);
      if (spec) found = { d, spec };
    }
  });
  return found;
}

/** A value as an nginx token; undefined when it cannot be written safely. `force` quotes it anyway. */
export function quoteValue(v: string, prefer?: '"' | "'", force = false): string | undefined {
  if (/[\\$\x00-\x1f\x7f]/.test(v)) return undefined;
  const needs = force || v === '' || /[\s;{}#'",()]/.test(v);
  if (!needs && !prefer) return v;
  const q = prefer ?? "'";
  if (!v.includes(q)) return q + v + q;
  const other = q === "'" ? '"' : "'";
  if (!v.includes(other)) return other + v + other;
  return undefined;
}

function setValue(text: string, w: HeaderWrite, value: string): TextEdit[] {
  const loc = locate(text, w);
  if (!loc) return [];
  if (!loc.spec) {
    const arg = loc.d.args[1];
    if (!arg) return [];
    const q = quoteValue(value, arg.quote);
    return q === undefined ? [] : [{ span: arg.span, newText: q }];
  }
  const s = splitSpec(loc.spec.text);
  const q = quoteValue(`${s.name}: ${value}`, loc.spec.quote ?? "'", true);
  return q === undefined ? [] : [{ span: loc.spec.span, newText: q }];
}

function removeWrite(text: string, w: HeaderWrite): TextEdit[] {
  const loc = locate(text, w);
  if (!loc) return [];
  if (loc.spec && moreArgs(loc.d).specs.length > 1) {
    let start = loc.spec.span.start;
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    return [{ span: { start, end: loc.spec.span.end }, newText: '' }];
  }
  return [{ span: removalSpan(text, loc.d.span), newText: '' }];
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Spans of the `include` directives of a text. Facts that come from an included file point at these
 *  (include.ts): an edit there would edit the wrong file. */
function includeSpans(text: string): Span[] {
  const out: Span[] = [];
  walkNginx(parseNginx(text).directives, (d) => {
    if (d.name === 'include') out.push(d.span);
  });
  return out;
}

function touches(e: Span, inc: Span): boolean {
  return e.start === e.end ? inc.start < e.start && e.start < inc.end : overlaps(e, inc);
}

const included = (w: HeaderWrite | undefined) => !!w && w.id.startsWith(INCLUDED_WRITE_PREFIX);

/** Never edit settings that live in an included file: such a fix returns [] (no fix offered). */
export function renderNginxFix(req: FixRequest, facts: FileFacts, file: SourceFile): TextEdit[] | undefined {
  const writeOf = (id: string) => facts.headerWrites.find((w) => w.id === id);
  switch (req.kind) {
    case 'set-always':
    case 'set-header-value':
    case 'set-header-name':
    case 'remove-write':
      if (included(writeOf(req.writeId))) return [];
      break;
    case 'add-header':
      if (included(writeOf(req.afterWriteId))) return [];
      break;
    case 'set-origins':
    case 'remove-credentials': {
      const p = facts.policies.find((x) => x.id === req.policyId);
      const header = req.kind === 'set-origins' ? H.allowOrigin : H.allowCredentials;
      if (p?.writeIds.map(writeOf).some((w) => included(w) && sameHeader(w!.name, header))) return [];
      break;
    }
  }
  const incs = includeSpans(file.text);
  if (incs.length > 0) {
    // Targets the generic renderer would edit (replace-text, set-max-age) must not be an include line either.
    const target =
      req.kind === 'replace-text' ? req.span : req.kind === 'set-max-age' ? facts.policies.find((x) => x.id === req.policyId)?.maxAge?.span : undefined;
    if (target && incs.some((i) => touches(target, i) || (target.start === i.start && target.end === i.end))) return [];
  }
  const edits = renderOwn(req, facts, file);
  if (edits && incs.some((i) => edits.some((e) => touches(e.span, i)))) return [];
  return edits;
}

function renderOwn(req: FixRequest, facts: FileFacts, file: SourceFile): TextEdit[] | undefined {
  const text = file.text;
  const write = (id: string) => facts.headerWrites.find((w) => w.id === id);
  const policy = (id: string) => facts.policies.find((p) => p.id === id);
  switch (req.kind) {
    case 'set-always': {
      const w = write(req.writeId);
      if (!w) return [];
      const loc = locate(text, w);
      if (!loc || loc.spec) return [];
      const d = loc.d;
      if (d.args.length !== 2 || !d.terminated) return [];
      return [{ span: { start: d.args[1].span.end, end: d.args[1].span.end }, newText: ' always' }];
    }
    case 'set-header-value': {
      const w = write(req.writeId);
      return w ? setValue(text, w, req.value) : [];
    }
    case 'set-header-name': {
      const w = write(req.writeId);
      if (!w || !HEADER_NAME.test(req.name) || !locate(text, w)) return [];
      return [{ span: w.nameSpan, newText: req.name }];
    }
    case 'remove-write': {
      const w = write(req.writeId);
      return w ? removeWrite(text, w) : [];
    }
    case 'add-header': {
      const w = write(req.afterWriteId);
      if (!w || !HEADER_NAME.test(req.name)) return [];
      const loc = locate(text, w);
      if (!loc) return [];
      let line: string;
      if (loc.spec) {
        const q = quoteValue(`${req.name}: ${req.value}`, "'", true);
        if (q === undefined) return [];
        line = `more_set_headers ${q};`;
      } else {
        const q = quoteValue(req.value, "'", true);
        if (q === undefined) return [];
        line = `add_header ${req.name} ${q}${w.always === true ? ' always' : ''};`;
      }
      const le = lineEndAt(text, loc.d.span.end);
      return [{ span: { start: le, end: le }, newText: '\n' + indentAt(text, loc.d.span.start) + line }];
    }
    case 'set-origins': {
      const p = policy(req.policyId);
      if (!p || !p.handWritten || req.origins.length !== 1) return [];
      const acao = p.writeIds.map(write).filter((w): w is HeaderWrite => !!w && sameHeader(w.name, H.allowOrigin));
      if (acao.length !== 1) return [];
      return setValue(text, acao[0], req.origins[0]);
    }
    case 'remove-credentials': {
      const p = policy(req.policyId);
      if (!p || !p.handWritten) return [];
      const edits: TextEdit[] = [];
      for (const w of p.writeIds.map(write)) {
        if (!w || !sameHeader(w.name, H.allowCredentials)) continue;
        for (const e of removeWrite(text, w)) if (!edits.some((x) => overlaps(x.span, e.span))) edits.push(e);
      }
      return edits;
    }
    case 'remove-origin-entry': {
      const p = policy(req.policyId);
      if (!p || p.origin.kind !== 'list') return [];
      const e = p.origin.entries[req.index];
      if (!e || text[e.elementSpan.end - 1] !== ';') return [];
      return [{ span: removalSpan(text, e.elementSpan), newText: '' }];
    }
    case 'replace-origin-entry': {
      const p = policy(req.policyId);
      if (!p || p.origin.kind !== 'list') return [];
      const e = p.origin.entries[req.index];
      if (!e || e.match !== 'exact' || !/^[A-Za-z0-9+.:/\[\]-]+$/.test(req.value)) return [];
      return [{ span: e.span, newText: req.value }];
    }
    case 'replace-text':
    case 'set-max-age':
      return undefined;
  }
}
