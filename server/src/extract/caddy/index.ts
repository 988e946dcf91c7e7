/**
 * Caddyfiles (`Caddyfile`, `Caddyfile.*`, `*.caddyfile`): the `header` directive and `header_down` in
 * `reverse_proxy`, read with syntax/caddy.ts (read.ts: writes per scope with their matchers; facts.ts: policies).
 * Fixes rewrite a value token (quoted when it needs quotes), or remove / copy a whole field line.
 */
import type { FileFacts, FixRequest, TextEdit } from '../../model/index.js';
import { parseCaddyfile } from '../../syntax/caddy.js';
import { H, lineEndAt, lineStartAt, removalSpan, tryExtract, tryFix } from '../common.js';
import type { Extractor, SourceFile } from '../types.js';
import { caddyFacts, EXTRACTOR_ID } from './facts.js';
import { caddySites, type CaddyWrite } from './read.js';

const MAX_TEXT = 2_000_000;

function analyze(file: SourceFile) {
  return caddyFacts(file.text.length > MAX_TEXT ? [] : caddySites(parseCaddyfile(file.text).lines));
}

/** A value as one Caddyfile token: bare when it is one plain word, else double-quoted. */
function token(v: string): string | undefined {
  if (/["\n\r{}]/.test(v) || v === '') return undefined;
  return /^[^\s#`]+$/.test(v) ? v : `"${v}"`;
}

const replaceValue = (w: CaddyWrite | undefined, v: string): TextEdit[] => {
  const t = w?.valueTok && token(v);
  return w?.valueTok && t && !w.valueTok.escapes ? [{ span: w.valueTok.span, newText: t }] : [];
};

/** The write is alone on its line (a block's field line, or a whole `header Name value` line). */
function alone(text: string, w: CaddyWrite): boolean {
  const s = w.line.span;
  return text.slice(lineStartAt(text, s.start), s.start).trim() === '' && text.slice(s.end, lineEndAt(text, s.end)).trim() === '';
}

function renderFix(req: FixRequest, facts: FileFacts, file: SourceFile): TextEdit[] {
  const { byId } = analyze(file);
  const text = file.text;
  const named = (policyId: string, name: string) => {
    const p = facts.policies.find((x) => x.id === policyId);
    return p ? p.writeIds.filter((id) => facts.headerWrites.find((w) => w.id === id)?.name.toLowerCase() === name).map((id) => byId.get(id)!) : [];
  };
  switch (req.kind) {
    case 'set-header-value':
      return replaceValue(byId.get(req.writeId), req.value);
    case 'set-origins': {
      const acao = named(req.policyId, H.allowOrigin);
      return acao.length === 1 && req.origins.length === 1 && acao[0].op === 'set' ? replaceValue(acao[0], req.origins[0]) : [];
    }
    case 'set-max-age': {
      const ma = named(req.policyId, H.maxAge);
      return ma.length === 1 ? replaceValue(ma[0], String(req.value)) : [];
    }
    case 'remove-credentials': {
      const ws = named(req.policyId, H.allowCredentials);
      return ws.length === 1 && alone(text, ws[0]) ? [{ span: removalSpan(text, ws[0].line.span), newText: '' }] : [];
    }
    case 'remove-write': {
      const w = byId.get(req.writeId);
      return w && alone(text, w) ? [{ span: removalSpan(text, w.line.span), newText: '' }] : [];
    }
    case 'add-header': {
      const w = byId.get(req.afterWriteId);
      const t = token(req.value);
      if (!w || !t || !alone(text, w)) return [];
      const head = text.slice(w.line.span.start, w.statementSpan.start);
      const le = lineEndAt(text, w.line.span.end);
      return [{ span: { start: le, end: le }, newText: `\n${text.slice(lineStartAt(text, w.line.span.start), w.line.span.start)}${head}${req.name} ${t}` }];
    }
    case 'replace-text':
      return [];
    default:
      return [];
  }
}

const extractor: Extractor = {
  id: EXTRACTOR_ID,
  title: 'Caddyfile (header directive)',
  languages: ['caddyfile'],
  filePatterns: ['**/Caddyfile', '**/Caddyfile.*', '**/*.caddyfile'],
  mayContain: (text) => /access-control-/i.test(text),
  extract: (file) =>
    tryExtract(EXTRACTOR_ID, () => {
      const { byId: _byId, ...facts } = analyze(file);
      return facts;
    }),
  renderFix: (req, facts, file) => tryFix(() => renderFix(req, facts, file)),
};

export default extractor;
