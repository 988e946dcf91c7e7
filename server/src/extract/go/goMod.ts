/**
 * The version of a module a Go file is built with, from the nearest go.mod up the folder tree (read through
 * the host's workspace reader; no IO here). Only `require` lines are read: `path vX.Y.Z` inside a require
 * block or after `require`. A replace directive or a vendored copy is not followed.
 */
import { foldersUp } from '../common.js';
import type { SourceFile } from '../types.js';

export type Version = [number, number, number];

export function moduleVersion(file: SourceFile, module: string): Version | undefined {
  const ws = file.workspace;
  if (!ws) return undefined;
  for (const dir of foldersUp(file.path, 12)) {
    const text = ws.read(`${dir}/go.mod`);
    if (text !== undefined) return requireOf(text, module);
  }
  return undefined;
}

function requireOf(text: string, module: string): Version | undefined {
  for (const raw of text.split('\n')) {
    const words = raw.replace(/\/\/.*$/, '').trim().split(/\s+/);
    if (words[0] === 'require') words.shift();
    if (words[0] !== module || !words[1]) continue;
    const m = /^v(\d+)\.(\d+)\.(\d+)/.exec(words[1]);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
  }
  return undefined;
}

/** a < b */
export const older = (a: Version, b: Version): boolean => a[0] - b[0] < 0 || (a[0] === b[0] && (a[1] - b[1] < 0 || (a[1] === b[1] && a[2] < b[2])));
