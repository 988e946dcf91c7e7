/**
 * Condition reading for the PHP extractor: what an `if` condition proves about the request Origin
 * (allowlist, regex, substring ...) or about the request method (OPTIONS). `PhpNames` is the class the
 * extractor uses: bindings.ts → values.ts → origin.ts → this file, each layer built on the one before.
 */
import type { OriginCheck, Valued } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { SUPERGLOBALS, varName } from './bindings.js';
import { andResult, orResult, regexBody, single, withEntries, type OriginCheckResult } from './checks.js';
import { PhpOriginFlow } from './origin.js';
import { callArgs, callName, keyText, methodName } from './strings.js';

/** Names of helper functions that may check the Origin internally. */
const SUSPICIOUS_CALL = /origin|cors|allow|trust|whitelist|valid|permit|referr?er/i;
/** Functions that only test presence or shape, never which origin it is. */
const PRESENCE = new Set(['isset', 'empty', 'is_string', 'strlen', 'mb_strlen', 'is_null', 'filter_var', 'trim']);

/** Names in one PHP file, resolved on demand, and the conditions that test the Origin or the method. */
export class PhpNames extends PhpOriginFlow {
  /** A condition leaf that is a variable we cannot resolve (`if ($allowed)` after a loop that sets it):
   *  it may well be an origin check, so the condition counts as an unknown check. */
  private opaqueFlag(n: Node | null | undefined, depth = 0): boolean {
    if (!n || depth > 12) return false;
    switch (n.type) {
      case 'parenthesized_expression':
        return this.opaqueFlag(n.namedChildren[0], depth + 1);
      case 'unary_op_expression':
        return n.child(0)?.type === '!' && this.opaqueFlag(n.namedChildren[0], depth + 1);
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.type ?? '';
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        if (['&&', '||', 'and', 'or', 'xor'].includes(op)) return this.opaqueFlag(l, depth + 1) || this.opaqueFlag(r, depth + 1);
        if (['===', '==', '!==', '!=', '<>'].includes(op) && l && r) {
          const lit = (x: Node) => ['boolean', 'integer', 'null'].includes(x.type);
          if (lit(r)) return this.opaqueFlag(l, depth + 1);
          if (lit(l)) return this.opaqueFlag(r, depth + 1);
        }
        return false;
      }
      case 'variable_name': {
        const name = varName(n);
        if (!name || SUPERGLOBALS.has(name)) return false;
        const b = this.binding(n);
        const rhs = b?.assign?.childForFieldName('right');
        if (!rhs) return true;
        return this.opaqueFlag(rhs, depth + 1);
      }
      case 'function_call_expression':
      case 'member_call_expression':
      case 'nullsafe_member_call_expression':
      case 'scoped_call_expression': {
        // A helper of our own that may read the Origin itself: isAllowedOrigin(), $cors->check() ...
        // The callee as written, without the arguments: `isAllowedOrigin`, `$this->cors->check`.
        const args = n.childForFieldName('arguments');
        const callee = this.text.slice(n.startIndex, args ? args.startIndex : n.endIndex);
        return SUSPICIOUS_CALL.test(callee);
      }
    }
    return false;
  }

  /**
   * What `cond` (assumed true when `positive`, false otherwise) proves about the request Origin.
   */
  override checkOf(cond: Node | null | undefined, positive: boolean, depth = 0): OriginCheckResult {
    if (!cond || depth > 16) return { kind: 'silent' };
    if (!this.mentionsOrigin(cond) && !this.opaqueFlag(cond)) return { kind: 'silent' };
    const r = this.checkInner(cond, positive, depth);
    return r;
  }

  private checkInner(n: Node, positive: boolean, depth: number): OriginCheckResult {
    const unknown: OriginCheckResult = { kind: 'check', check: { kind: 'unknown' } };
    switch (n.type) {
      case 'parenthesized_expression':
        return this.checkOf(n.namedChildren[0], positive, depth + 1);
      case 'unary_op_expression': {
        const op = n.child(0)?.type;
        if (op === '!') return this.checkOf(n.namedChildren[0], !positive, depth + 1);
        return unknown;
      }
      case 'variable_name': {
        if (this.originSource(n)) return { kind: 'none' }; // `if ($origin)`: presence only
        const b = this.binding(n);
        const rhs = b?.assign?.childForFieldName('right');
        return rhs ? this.checkOf(rhs, positive, depth + 1) : unknown;
      }
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.type ?? '';
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        if (!l || !r) return unknown;
        if (op === '&&' || op === 'and' || op === '||' || op === 'or') {
          const conj = (op === '&&' || op === 'and') === positive;
          const a = this.checkOf(l, positive, depth + 1);
          const b = this.checkOf(r, positive, depth + 1);
          return conj ? andResult(a, b) : orResult(a, b);
        }
        if (op === '===' || op === '==' || op === '!==' || op === '!=' || op === '<>') {
          const pos = (op === '===' || op === '==') === positive;
          return this.comparison(l, r, pos, depth) ?? this.comparison(r, l, pos, depth) ?? unknown;
        }
        if (op === '>' || op === '>=' || op === '<' || op === '<=') {
          // preg_match(...) > 0, strpos(...) > -1 ...
          const lit = this.numberish(r);
          if (lit !== undefined && op === '>' && lit === '0') return this.checkOf(l, positive, depth + 1);
          return unknown;
        }
        if (op === '??') return unknown;
        return unknown;
      }
      case 'function_call_expression': {
        const name = callName(n) ?? '';
        const args = callArgs(n);
        const src = (i: number) => this.originSource(args[i]) !== undefined;
        if (PRESENCE.has(name) && args.length >= 1 && src(0)) return { kind: 'none' };
        if (name === 'isset' || name === 'empty') {
          // isset($map[$origin]) / !empty($map[$origin])
          const a = args[0];
          if (a?.type === 'subscript_expression') {
            const [obj, key] = a.namedChildren;
            if (key && this.originSource(key)) {
              const hit = (name === 'isset') === positive;
              if (!hit) return { kind: 'none' };
              return { kind: 'check', check: withEntries('exact', this.arrayKeys(obj)) };
            }
          }
          return unknown;
        }
        let kind: OriginCheck['kind'] | undefined;
        let entries: Valued<string>[] | undefined;
        if (name === 'in_array' && src(0)) {
          kind = 'exact';
          entries = this.arrayValues(args[1]);
        } else if (name === 'array_key_exists' && src(0)) {
          kind = 'exact';
          entries = this.arrayKeys(args[1]);
        } else if ((name === 'preg_match' || name === 'preg_match_all') && src(1)) {
          kind = 'regex';
          const p = this.literal(args[0]);
          const inner = p ? regexBody(p) : undefined;
          entries = inner ? [inner] : undefined;
        } else if (name === 'str_ends_with' && src(0)) {
          kind = 'suffix';
          entries = single(this.literal(args[1]));
        } else if (name === 'str_starts_with' && src(0)) {
          kind = 'prefix';
          entries = single(this.literal(args[1]));
        } else if ((name === 'str_contains' || name === 'strpos' || name === 'stripos' || name === 'strstr' || name === 'stristr') && src(0)) {
          kind = 'substring';
          entries = single(this.literal(args[1]));
        }
        if (kind) return positive ? { kind: 'check', check: withEntries(kind, entries) } : { kind: 'none' };
        return unknown;
      }
    }
    return unknown;
  }

  private numberish(n: Node): string | undefined {
    const d = this.deref(n) ?? n;
    if (d.type === 'integer') return d.text;
    if (d.type === 'unary_op_expression' && d.text.replace(/\s+/g, '') === '-1') return '-1';
    return undefined;
  }

  /** `a OP b` where `a` is the Origin or a check call; `pos` = the equality holds. */
  private comparison(a: Node, b: Node, pos: boolean, depth: number): OriginCheckResult | undefined {
    if (this.originSource(a)) {
      if (this.originSource(b)) return { kind: 'none' };
      if (!pos) return { kind: 'none' };
      const lit = this.literal(b);
      if (lit) return { kind: 'check', check: { kind: 'exact', entries: [lit] } };
      const list = this.foreachList(b);
      if (list) return { kind: 'check', check: withEntries('exact', this.arrayValues(list)) };
      return { kind: 'check', check: { kind: 'exact' } };
    }
    // strpos($o, 'x') === 0 / !== false, preg_match(...) === 1, in_array(...) === true
    const call = a.type === 'parenthesized_expression' ? a.namedChildren[0] : a;
    if (!call || call.type !== 'function_call_expression' || !this.mentionsOrigin(call)) return undefined;
    const bv = (this.deref(b) ?? b).text.toLowerCase();
    const name = callName(call);
    if (name === 'strpos' || name === 'stripos') {
      if (bv === 'false') return this.checkOf(call, !pos, depth + 1);
      if (bv === '0' && pos) {
        const src = this.originSource(callArgs(call)[0]);
        if (!src) return { kind: 'check', check: { kind: 'unknown' } };
        return { kind: 'check', check: withEntries('prefix', single(this.literal(callArgs(call)[1]))) };
      }
      return { kind: 'check', check: { kind: 'unknown' } };
    }
    if (bv === 'true' || bv === '1') return this.checkOf(call, pos, depth + 1);
    if (bv === 'false' || bv === '0') return this.checkOf(call, !pos, depth + 1);
    return { kind: 'check', check: { kind: 'unknown' } };
  }

  // -------------------------------------------------------------------------------------------------
  // The request method

  /** 'options' when `cond` (true if `positive`) means the request is an OPTIONS request, 'non-options'
   *  when it means it is not; undefined when it says nothing sure about the method. */
  methodOf(cond: Node | null | undefined, positive: boolean, depth = 0): 'options' | 'non-options' | undefined {
    if (!cond || depth > 12) return undefined;
    if (depth === 0 && !/method|options/i.test(cond.text)) return undefined;
    switch (cond.type) {
      case 'parenthesized_expression':
        return this.methodOf(cond.namedChildren[0], positive, depth + 1);
      case 'unary_op_expression':
        return cond.child(0)?.type === '!' ? this.methodOf(cond.namedChildren[0], !positive, depth + 1) : undefined;
      case 'binary_expression': {
        const op = cond.childForFieldName('operator')?.type ?? '';
        const l = cond.childForFieldName('left');
        const r = cond.childForFieldName('right');
        if (!l || !r) return undefined;
        if (op === '&&' || op === 'and' || op === '||' || op === 'or') {
          const conj = (op === '&&' || op === 'and') === positive;
          const a = this.methodOf(l, positive, depth + 1);
          const b = this.methodOf(r, positive, depth + 1);
          if (conj) return a ?? b;
          return a && a === b ? a : undefined;
        }
        if (op === '===' || op === '==' || op === '!==' || op === '!=' || op === '<>') {
          const pos = (op === '===' || op === '==') === positive;
          const m = this.methodCompare(l, r) ?? this.methodCompare(r, l);
          if (m === undefined) return undefined;
          if (m) return pos ? 'options' : 'non-options';
          // Compared with another method: only the equal branch tells something.
          return pos ? 'non-options' : undefined;
        }
        return undefined;
      }
      case 'member_call_expression': {
        // $request->isMethod('OPTIONS')
        if (methodName(cond) === 'ismethod') {
          const v = this.literal(callArgs(cond)[0])?.value;
          if (v?.toUpperCase() === 'OPTIONS') return positive ? 'options' : 'non-options';
        }
        return undefined;
      }
    }
    return undefined;
  }

  /** For `switch (<method>) { case 'OPTIONS': ... }`. */
  methodCase(subject: Node, value: Node): 'options' | 'non-options' | undefined {
    const m = this.methodCompare(subject, value);
    return m === undefined ? undefined : m ? 'options' : 'non-options';
  }

  /** true when `a` is the request method and `b` is "OPTIONS"; false when `b` is another method. */
  private methodCompare(a: Node, b: Node): boolean | undefined {
    const m = this.methodSource(a);
    if (!m) return undefined;
    const v = this.literal(b)?.value;
    if (v === undefined) return undefined;
    const norm = m === 'exact' ? v : m === 'upper' ? (v === v.toUpperCase() ? v : '?') : v === v.toLowerCase() ? v.toUpperCase() : '?';
    return norm === 'OPTIONS';
  }

  /** Whether `n` is the request method: 'exact' as sent, or normalised to 'upper' / 'lower' case. */
  private methodSource(n: Node | null | undefined, depth = 0): 'exact' | 'upper' | 'lower' | undefined {
    if (!n || depth > 8) return undefined;
    switch (n.type) {
      case 'parenthesized_expression':
        return this.methodSource(n.namedChildren[0], depth + 1);
      case 'variable_name': {
        const b = this.binding(n);
        const rhs = b?.assign?.childForFieldName('right');
        return rhs ? this.methodSource(rhs, depth + 1) : undefined;
      }
      case 'binary_expression':
        return n.childForFieldName('operator')?.type === '??' ? this.methodSource(n.childForFieldName('left'), depth + 1) : undefined;
      case 'subscript_expression': {
        const [obj, key] = n.namedChildren;
        return obj && key && varName(obj) === '_SERVER' && keyText(key) === 'REQUEST_METHOD' ? 'exact' : undefined;
      }
      case 'function_call_expression': {
        const name = callName(n);
        const arg = callArgs(n)[0];
        if (name === 'strtoupper') return this.methodSource(arg, depth + 1) ? 'upper' : undefined;
        if (name === 'strtolower') return this.methodSource(arg, depth + 1) ? 'lower' : undefined;
        return undefined;
      }
      case 'member_call_expression': {
        const m = methodName(n);
        // Symfony/Laravel getMethod()/method() return upper case; PSR-7 getMethod() returns it as sent.
        if (m === 'getmethod' || m === 'method' || m === 'getrealmethod') return 'upper';
        return undefined;
      }
    }
    return undefined;
  }
}
