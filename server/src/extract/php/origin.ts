/**
 * Where the request Origin flows in PHP: which expressions evaluate to the Origin header ($_SERVER,
 * getallheaders(), Symfony / Laravel / PSR-7 getters, pass-through functions), and which read it anywhere
 * inside, with a cheap text pre-test so that big files stay cheap.
 */
import type { OriginCheck } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { isFunctionLike, SUPERGLOBALS, varName } from './bindings.js';
import type { OriginCheckResult } from './checks.js';
import { callArgs, callName, keyText, methodName } from './strings.js';
import { PhpValues } from './values.js';

export interface OriginSource {
  via: string;
  /** A check built into the expression (`in_array($o, $l) ? $o : 'x'`). */
  check?: OriginCheck;
}

/** Functions that pass the Origin through (the result is still the request's Origin). */
const PASS_THROUGH = new Set(['trim', 'rtrim', 'ltrim', 'strtolower', 'htmlspecialchars', 'htmlentities', 'strip_tags', 'urldecode', 'rawurldecode', 'stripslashes', 'addslashes', 'strval', 'filter_var']);

/** The request Origin, on top of the values; what a condition proves about it is in conditions.ts. */
export abstract class PhpOriginFlow extends PhpValues {
  private originVars = new Map<string, boolean>();

  /** Cheap text test: can `n` involve the request Origin (directly or through variables it reads)? A
   *  "no" is final; a "yes" is confirmed on the tree. */
  private mayMentionOrigin(n: Node): boolean {
    return this.textMayMentionOrigin(n.text, 0);
  }

  private textMayMentionOrigin(t: string, depth: number): boolean {
    if (/origin/i.test(t)) return true;
    if (depth > 6) return false;
    for (const m of t.matchAll(/\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)/g)) {
      if (this.varMayMentionOrigin(m[1], depth + 1)) return true;
    }
    return false;
  }

  /** Whether some assignment `$name = ...` in the file has a right side that may involve the Origin. */
  private varMayMentionOrigin(name: string, depth: number): boolean {
    if (SUPERGLOBALS.has(name)) return false;
    const hit = this.originVars.get(name);
    if (hit !== undefined) return hit;
    this.originVars.set(name, false); // cycles: `$a = $b; $b = $a;`
    let r = false;
    for (const off of this.varOffsets(name)) {
      const after = this.text.slice(off + name.length + 1, off + name.length + 1 + 800);
      const m = /^\s*(?:\?\?=|\.=|=(?![=>]))([^;]*)/.exec(after);
      if (m && this.textMayMentionOrigin(m[1], depth)) {
        r = true;
        break;
      }
    }
    this.originVars.set(name, r);
    return r;
  }

  /** Whether `n` evaluates to the request's Origin header (possibly with a fallback when it is absent). */
  originSource(n: Node | null | undefined, depth = 0): OriginSource | undefined {
    if (!n || depth > 12) return undefined;
    switch (n.type) {
      case 'parenthesized_expression':
        return this.originSource(n.namedChildren[0], depth + 1);
      case 'variable_name': {
        const b = this.binding(n);
        const rhs = b?.assign?.childForFieldName('right');
        return rhs ? this.originSource(rhs, depth + 1) : undefined;
      }
      case 'subscript_expression': {
        const [obj, key] = n.namedChildren;
        if (!obj || !key) return undefined;
        const k = keyText(this.deref(key) ?? key);
        if (varName(obj) === '_SERVER' && k === 'HTTP_ORIGIN') return { via: n.text };
        // getallheaders()['Origin'], apache_request_headers()['origin'], $request->getHeader('Origin')[0]
        const cn = callName(obj);
        if ((cn === 'getallheaders' || cn === 'apache_request_headers') && k?.toLowerCase() === 'origin') return { via: n.text };
        if (methodName(obj) === 'getheader' && this.isOriginName(callArgs(obj)[0])) return { via: n.text };
        return undefined;
      }
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.type;
        if (op === '??') {
          const s = this.originSource(n.childForFieldName('left'), depth + 1);
          if (s) return s;
        }
        return undefined;
      }
      case 'conditional_expression': {
        const cond = n.childForFieldName('condition');
        const body = n.childForFieldName('body');
        const alt = n.childForFieldName('alternative');
        if (!body) {
          // `$origin ?: '*'`
          return this.originSource(cond, depth + 1);
        }
        const s = this.originSource(body, depth + 1);
        if (!s || !cond) {
          // `cond ? '*' : $origin` — the origin is sent when cond is false.
          const s2 = this.originSource(alt, depth + 1);
          if (!s2 || !cond) return undefined;
          const r = this.checkOf(cond, false, depth + 1);
          return r.kind === 'check' ? { via: s2.via, check: r.check } : s2;
        }
        const r = this.checkOf(cond, true, depth + 1);
        return r.kind === 'check' ? { via: s.via, check: r.check } : s;
      }
      case 'function_call_expression': {
        const name = callName(n);
        const args = callArgs(n);
        if (name && PASS_THROUGH.has(name)) {
          if (name === 'filter_var') {
            // filter_var($o, FILTER_VALIDATE_URL) returns the origin or false; sanitize filters keep it.
            return this.originSource(args[0], depth + 1);
          }
          return this.originSource(args[0], depth + 1);
        }
        if (name === 'filter_input') {
          const [type, key] = args;
          if (type?.text === 'INPUT_SERVER' && this.literal(key)?.value === 'HTTP_ORIGIN') return { via: n.text };
        }
        return undefined;
      }
      case 'member_call_expression':
      case 'nullsafe_member_call_expression': {
        const m = methodName(n);
        const args = callArgs(n);
        // Symfony $request->headers->get('Origin'), Laravel $request->header('Origin'),
        // PSR-7 $request->getHeaderLine('Origin'), $request->server('HTTP_ORIGIN').
        if ((m === 'get' || m === 'header' || m === 'getheaderline') && args.length >= 1 && this.isOriginName(args[0])) {
          if (m === 'get') {
            const obj = n.childForFieldName('object');
            const on = obj?.childForFieldName('name')?.text;
            if (on === 'headers') return { via: n.text };
            if (on === 'server' && this.literal(args[0])?.value === 'HTTP_ORIGIN') return { via: n.text };
            return undefined;
          }
          if (m === 'header' && args.length > 1 && !this.literal(args[1])) return undefined;
          return { via: n.text };
        }
        if (m === 'server' && this.literal(args[0])?.value === 'HTTP_ORIGIN') return { via: n.text };
        if (m === 'get') {
          const obj = n.childForFieldName('object');
          if (obj?.childForFieldName('name')?.text === 'server' && this.literal(args[0])?.value === 'HTTP_ORIGIN') return { via: n.text };
        }
        return undefined;
      }
    }
    return undefined;
  }

  private isOriginName(n: Node | undefined): boolean {
    const v = n ? this.literal(n)?.value : undefined;
    return v !== undefined && (v.toLowerCase() === 'origin' || v === 'HTTP_ORIGIN');
  }

  /** Whether the expression reads the Origin anywhere inside. */
  mentionsOrigin(n: Node | null | undefined, depth = 0): boolean {
    if (!n || depth > 40) return false;
    if (depth === 0 && !this.mayMentionOrigin(n)) return false;
    if (this.originSource(n)) return true;
    if (n.type === 'variable_name') {
      const b = this.binding(n);
      const rhs = b?.assign?.childForFieldName('right');
      return rhs ? this.mentionsOrigin(rhs, depth + 1) : false;
    }
    if (isFunctionLike(n)) return false;
    for (const c of n.namedChildren) if (this.mentionsOrigin(c, depth + 1)) return true;
    return false;
  }

  /**
   * What `cond` (assumed true when `positive`, false otherwise) proves about the request Origin.
   */
  abstract checkOf(cond: Node | null | undefined, positive: boolean, depth?: number): OriginCheckResult;
}
