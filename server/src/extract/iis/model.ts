/**
 * What the IIS readers share: the extractor id, the CORS module's library name, the data kept per scope
 * (the root or one `<location>`: its customHeaders operations and `<cors>` sections), and what the reading
 * of one web.config has found so far (Found, with the last write and policy numbers handed out).
 */
import type { CorsPolicy, HeaderWrite, ResponseHeaders, Scope, Valued } from '../../model/index.js';
import type { XmlElement } from '../../syntax/xml.js';

export const ID = 'iis';
export const LIBRARY = 'iis-cors';

export interface HeaderOp {
  kind: 'add' | 'remove' | 'clear';
  el: XmlElement;
  name?: string;
  write?: HeaderWrite;
  container: XmlElement;
}

export interface CorsSection {
  el: XmlElement;
  ops: { kind: 'add' | 'remove' | 'clear'; el: XmlElement; origin?: string }[];
}

export interface ScopeData {
  key: string;
  scope: Scope;
  headerOps: HeaderOp[];
  cors: CorsSection[];
}

export interface Found {
  notes: string[];
  headerWrites: HeaderWrite[];
  policies: CorsPolicy[];
  responses: ResponseHeaders[];
  headerMentions: Valued<string>[];
  /** Header writes are numbered w1, w2, ... and policies p1, p2, ... in the order they are found. */
  wn: number;
  pn: number;
}
