/** Minimal glob matching for extractor file patterns: `**` (any folders), `*`, `?`, `{a,b}`. */
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` matches anything.
        if (glob[i + 2] === '/') {
          out += '(?:.*/)?';
          i += 2;
        } else {
          out += '.*';
          i += 1;
        }
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close === -1) out += '\\{';
      else {
        out += '(?:' + glob.slice(i + 1, close).split(',').map(escape).join('|') + ')';
        i = close;
      }
    } else out += escape(c);
  }
  re = new RegExp('^' + out + '$', 'i');
  cache.set(glob, re);
  return re;
}

function escape(s: string): string {
  return s.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
}
