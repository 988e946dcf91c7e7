/** hapi route configurations as written: `server.route({ method, path, options })` or an array of them. */
import type { Val } from '../../code/index.js';

/** One key of a map value: its value, null when the closed map has none, undefined when unknown. */
export function member(v: Val | undefined, key: string): Val | null | undefined {
  if (!v || v.k !== 'map') return v?.k === 'nil' ? null : undefined;
  const hit = v.entries.filter((e) => e.key === key).at(-1);
  return hit ? hit.value : v.open ? undefined : null;
}

/** The route objects of a `server.route(...)` argument. */
export function routeMaps(v: Val): (Val & { k: 'map' })[] {
  if (v.k === 'map') return member(v, 'path') ? [v] : [];
  if (v.k === 'list') return v.items.flatMap((i) => (i.k === 'map' ? routeMaps(i) : []));
  return [];
}
