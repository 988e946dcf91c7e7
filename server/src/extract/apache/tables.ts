/**
 * One mod_headers table (onsuccess or always): the header lines a sequence of writes leaves in it (set
 * replaces, add adds a line, append/merge join, setifempty, unset, edit; conditional writes make lines
 * uncertain), and the single write a policy sees for each line.
 */
import type { HeaderWrite } from '../../model/index.js';
import { H } from '../common.js';
import type { Draft } from './model.js';

export interface Line {
  lname: string;
  head: Draft;
  writes: Draft[];
  joined: boolean;
  uncertain: boolean;
}

export function applyTable(drafts: Draft[]): Line[] {
  let lines: Line[] = [];
  for (const d of drafts) {
    const w = d.write;
    const l = w.name.toLowerCase();
    const same = lines.filter((x) => x.lname === l);
    const conditional = w.condition === 'conditional';
    switch (w.op) {
      case 'set':
        if (conditional && same.length) {
          lines = lines.filter((x) => x.lname !== l);
          lines.push({ lname: l, head: d, writes: [...same.flatMap((x) => x.writes), d], joined: false, uncertain: true });
        } else {
          lines = lines.filter((x) => x.lname !== l);
          lines.push({ lname: l, head: d, writes: [d], joined: false, uncertain: false });
        }
        break;
      case 'add':
        lines.push({ lname: l, head: d, writes: [d], joined: false, uncertain: false });
        break;
      case 'append':
      case 'merge':
        if (same.length) {
          const first = same[0];
          const dup =
            w.op === 'merge' &&
            w.value.kind === 'literal' &&
            first.writes.some((x) => x.write.value.kind === 'literal' && x.write.value.text.split(',').map((s) => s.trim()).includes((w.value as { text: string }).text));
          if (!dup) {
            first.writes.push(d);
            first.joined = true;
            if (conditional) first.uncertain = true;
          }
        } else lines.push({ lname: l, head: d, writes: [d], joined: false, uncertain: false });
        break;
      case 'setifempty':
        if (!same.length) lines.push({ lname: l, head: d, writes: [d], joined: false, uncertain: false });
        else if (conditional) for (const x of same) x.uncertain = true;
        break;
      case 'unset':
        if (conditional) for (const x of same) x.uncertain = true;
        else lines = lines.filter((x) => x.lname !== l);
        break;
      case 'edit':
        for (const x of same) {
          x.writes.push(d);
          x.uncertain = true;
        }
        break;
    }
  }
  return lines;
}

/** The write a policy sees for one header line. */
export function lineWrite(line: Line): HeaderWrite {
  const h = line.head.write;
  // List items and max-age get spans computed from the value text: only exact when it is verbatim.
  const spanned = line.lname === H.allowMethods || line.lname === H.allowHeaders || line.lname === H.exposeHeaders || line.lname === H.maxAge;
  if (spanned && line.head.valueArg && !line.head.valueArg.verbatim && h.value.kind === 'literal') {
    return { ...h, op: 'add', value: { kind: 'unknown', reason: 'escaped value' } };
  }
  if (!line.joined && !line.uncertain) return { ...h, op: 'add' };
  const vals = line.writes.map((d) => d.write.value);
  if (!line.uncertain && (line.lname === H.vary || line.lname === H.allowCredentials) && vals.every((v) => v.kind === 'literal')) {
    return { ...h, op: 'add', value: { kind: 'literal', text: vals.map((v) => (v as { text: string }).text).join(', ') }, valueSpan: undefined };
  }
  return { ...h, op: 'add', value: { kind: 'unknown', reason: line.uncertain ? 'conditional' : 'joined' } };
}
