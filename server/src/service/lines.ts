/** Offsets where each line of `text` starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** A function from a UTF-16 offset to its 0-based line in `text` (binary search over line starts). */
export function lineIndex(text: string, starts = lineStarts(text)): (offset: number) => number {
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/** A function from a UTF-16 offset to its 1-based line and column in `text`. */
export function lineColumn(text: string): (offset: number) => { line: number; column: number } {
  const starts = lineStarts(text);
  const lineOf = lineIndex(text, starts);
  return (offset) => {
    const l = lineOf(offset);
    return { line: l + 1, column: offset - starts[l] + 1 };
  };
}
