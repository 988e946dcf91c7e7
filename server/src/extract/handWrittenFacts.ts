/**
 * The facts of the hand-written headers an extractor reads (handWritten.ts: Django, Starlette, Go), added to
 * the facts of its library reading, and their fixes (pyWriteFix.ts, or the extractor's own renderer).
 */
import type { FileFacts, FixRequest, TextEdit } from '../model/index.js';
import type { Node } from '../syntax/treeSitter.js';
import type { SourceFile } from './types.js';
import type { Sink } from './handWritten.js';
import { renderWriteFix } from './pyWriteFix.js';
import { resetParentCache } from './pySyntax.js';

export interface HandWritten {
  sink: Sink;
  facts: Partial<FileFacts>;
}

/** Run `read` on a fresh sink; undefined when it finds no write. Policy ids follow those of `base`. */
export function handWrittenFacts(root: Node, text: string, base: Partial<FileFacts> | undefined, read: (sink: Sink) => void): HandWritten | undefined {
  resetParentCache();
  const sink: Sink = { root, text, policies: [], writes: [], responses: [], mentions: [], meta: new Map(), nextPolicy: base?.policies?.length ?? 0, nextWrite: 0 };
  const notes = [...(base?.notes ?? [])];
  try {
    read(sink);
  } catch (e) {
    notes.push(`hand-written headers failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!sink.writes.length) return undefined;
  if (!base && root.hasError) notes.push('syntax errors: facts from the readable parts only');
  const facts: Partial<FileFacts> = {
    ...base,
    policies: [...(base?.policies ?? []), ...sink.policies],
    headerWrites: sink.writes,
    responses: sink.responses,
    headerMentions: [...sink.mentions].sort((a, b) => a.span.start - b.span.start),
    notes,
  };
  return { sink, facts };
}

/** A fix of a hand-written write or policy; undefined when the request is about something else. */
export function renderHandWrittenFix(req: FixRequest, facts: FileFacts, file: SourceFile, hand: HandWritten | undefined): TextEdit[] | undefined {
  if (!hand) return undefined;
  const id = 'policyId' in req ? req.policyId : 'writeId' in req ? req.writeId : 'afterWriteId' in req ? req.afterWriteId : undefined;
  if (id === undefined) return undefined;
  if (!hand.sink.meta.has(id) && !hand.sink.policies.some((p) => p.id === id)) return undefined;
  return renderWriteFix(req, facts, file.text, hand.sink.meta);
}
