/**
 * Fix all: apply every preferred fix (one that needs no human choice), as ESLint's `--fix` does, and keep
 * the result only when the file reads back to the same findings minus the fixed ones.
 *
 * A pass applies the preferred fixes of all findings whose edits do not overlap, most severe first, and
 * re-analyses the text; when the result is not exactly "the old findings minus the fixed ones" (a fix made
 * a new finding, or the file no longer reads the same), the pass falls back to one fix at a time and keeps
 * only those that verify. Passes repeat (a fix can make another one applicable) up to a bound.
 */
import type { Finding, Fix, Settings, Severity, TextEdit } from '../model/index.js';
import { lineColumn } from './lines.js';
import { analyzeDocument, applyEdits, type Analysis, type DocumentInput } from './analyze.js';

export interface AppliedFix {
  ruleId: string;
  /** The finding's message and place in the text the fix was applied to. */
  message: string;
  line: number;
  column: number;
  title: string;
}

export interface FixAllResult {
  /** The fixed text (equal to the input when nothing was fixed). */
  text: string;
  applied: AppliedFix[];
  /** The findings of the fixed text. */
  remaining: Finding[];
}

const MAX_PASSES = 10;
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The fix to apply without asking: the finding's preferred one, if any. */
export function preferredFix(f: Finding): Fix | undefined {
  return f.fixes.find((x) => x.preferred);
}

/** Most severe first, then by position: the order of code actions and of fix-all. */
export function bySeverity(a: Finding, b: Finding): number {
  return RANK[a.severity] - RANK[b.severity] || a.span.start - b.span.start;
}

function key(f: Finding): string {
  return `${f.ruleId}\u0000${f.severity}\u0000${f.message}`;
}

/** True when every finding of `after` was in `before` and was not fixed (compared by rule, severity and
 *  message, as positions move with the edits), and the same extractors read the text without new notes.
 *  Findings may vanish besides the fixed ones (an echoed origin made static needs no `Vary` any more);
 *  none may appear. */
function verifies(before: Analysis, fixed: Finding[], after: Analysis): boolean {
  if (after.extractors.join() !== before.extractors.join()) return false;
  if (after.notes.length > before.notes.length) return false;
  const left = new Map<string, number>();
  for (const f of before.findings) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  for (const f of fixed) left.set(key(f), (left.get(key(f)) ?? 0) - 1);
  for (const f of after.findings) {
    const n = left.get(key(f)) ?? 0;
    if (n <= 0) return false;
    left.set(key(f), n - 1);
  }
  return true;
}

function overlaps(a: TextEdit[], b: TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.span.start <= y.span.end && y.span.start <= x.span.end));
}

function describe(text: string, f: Finding, fix: Fix): AppliedFix {
  return { ruleId: f.ruleId, message: f.message, title: fix.title, ...lineColumn(text)(f.span.start) };
}

export type Analyzer = (text: string) => Promise<Analysis>;

/** Apply every preferred fix that verifies. `first` is the analysis of `input.text` when the caller has it;
 *  `analyze` reads a text back (the service's analysis; tests may pass their own). */
export async function fixAll(
  input: DocumentInput,
  settings: Settings,
  first?: Analysis,
  analyze: Analyzer = (text) => analyzeDocument({ ...input, text, key: undefined }, settings),
): Promise<FixAllResult> {
  let text = input.text;
  let current = first ?? (await analyze(text));
  const applied: AppliedFix[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const candidates = current.findings.filter((f) => preferredFix(f)).sort(bySeverity);
    if (candidates.length === 0) break;
    // 1. All non-overlapping preferred fixes at once.
    const chosen: { f: Finding; fix: Fix }[] = [];
    for (const f of candidates) {
      const fix = preferredFix(f)!;
      if (!chosen.some((c) => overlaps(c.fix.edits, fix.edits))) chosen.push({ f, fix });
    }
    const batchText = applyEdits(text, chosen.flatMap((c) => c.fix.edits));
    const batch = await analyze(batchText);
    if (verifies(current, chosen.map((c) => c.f), batch)) {
      applied.push(...chosen.map((c) => describe(text, c.f, c.fix)));
      text = batchText;
      current = batch;
      continue;
    }
    // 2. One at a time; keep those that verify.
    let progressed = false;
    for (const f of candidates) {
      const match = current.findings.find((g) => key(g) === key(f) && preferredFix(g));
      if (!match) continue;
      const fix = preferredFix(match)!;
      const nextText = applyEdits(text, fix.edits);
      const next = await analyze(nextText);
      if (!verifies(current, [match], next)) continue;
      applied.push(describe(text, match, fix));
      text = nextText;
      current = next;
      progressed = true;
    }
    if (!progressed) break;
  }
  return { text, applied, remaining: current.findings };
}
