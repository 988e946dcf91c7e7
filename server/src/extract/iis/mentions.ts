/**
 * Hover mentions in a web.config: attribute values that are CORS header names, and the URL Rewrite server
 * variables of CORS response headers (`RESPONSE_Access_Control_Allow_Origin`) and of the request headers
 * a preflight sends (`HTTP_ORIGIN`, `HTTP_ACCESS_CONTROL_REQUEST_METHOD`).
 */
import type { Valued } from '../../model/index.js';
import type { XmlElement } from '../../syntax/xml.js';

function isCorsHeaderName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return /^access-control-[a-z-]+$/.test(n) || n === 'vary' || n === 'timing-allow-origin';
}

/** Hover mentions: any attribute value that is a CORS header name, and URL Rewrite server variables. */
export function collectMentions(roots: XmlElement[], headerMentions: Valued<string>[]): void {
  const visit = (el: XmlElement) => {
    for (const a of el.attributes) {
      if (!a.valueSpan || a.raw === undefined) continue;
      const v = a.raw;
      const lead = v.length - v.trimStart().length;
      const trimmed = v.trim();
      if (isCorsHeaderName(trimmed)) {
        headerMentions.push({ value: trimmed, span: { start: a.valueSpan.start + lead, end: a.valueSpan.start + lead + trimmed.length } });
        continue;
      }
      // URL Rewrite server variables: RESPONSE_Access_Control_Allow_Origin, HTTP_ORIGIN ...
      const sv = /^\{?(RESPONSE_|HTTP_)([A-Za-z_-]+)\}?$/.exec(trimmed);
      if (sv) {
        const header = sv[2].replace(/_/g, '-');
        const isResponse = sv[1] === 'RESPONSE_' && isCorsHeaderName(header);
        const isRequest = sv[1] === 'HTTP_' && /^(origin|access-control-request-[a-z-]+)$/i.test(header);
        if (isResponse || isRequest) {
          const s = a.valueSpan.start + lead + (trimmed.startsWith('{') ? 1 : 0) + sv[1].length;
          headerMentions.push({ value: header, span: { start: s, end: s + sv[2].length } });
        }
      }
    }
    el.children.forEach(visit);
  };
  roots.forEach(visit);
}
