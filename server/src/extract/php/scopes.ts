/** The response scopes of a PHP file (the top level, each function, method or closure): their labels, and
 *  whether a write sits under a condition of its scope that is not about the request method. */
import type { Scope } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import type { SourceFile } from '../types.js';
import type { PhpNames } from './conditions.js';
import { enclosingClass } from './values.js';

function basename(path: string): string {
  return path.split('/').pop() || path;
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export function scopeFor(node: Node, file: SourceFile): Scope {
  const base = basename(file.path);
  if (node.type === 'program') return { kind: 'file', label: base, path: [base] };
  let label: string;
  const name = node.childForFieldName('name')?.text;
  if (node.type === 'function_definition') label = `function ${name ?? '?'}`;
  else if (node.type === 'method_declaration') label = `method ${enclosingClass(node) ?? '?'}::${name ?? '?'}`;
  else label = `closure (line ${lineOf(file.text, node.startIndex)})`;
  return { kind: 'block', label, path: [base, label], span: { start: node.startIndex, end: node.endIndex } };
}

/** Whether `n` sits under an `if`/`switch`/loop/`catch` of its scope whose condition is not about the method. */
export function structurallyConditional(n: Node, scope: Node, names: PhpNames): boolean {
  let child: Node = n;
  for (let cur: Node | null = n.parent; cur && cur.id !== scope.id; child = cur, cur = cur.parent) {
    switch (cur.type) {
      case 'if_statement':
      case 'else_if_clause': {
        const cond = cur.childForFieldName('condition');
        if (cond && child.id === cond.id) break;
        if (!names.methodOf(cond, true)) return true;
        break;
      }
      case 'else_clause': {
        const owner = cur.parent;
        if (owner && !names.methodOf(owner.childForFieldName('condition'), true)) return true;
        break;
      }
      case 'case_statement':
      case 'default_statement':
      case 'while_statement':
      case 'do_statement':
      case 'for_statement':
      case 'foreach_statement':
      case 'catch_clause':
      case 'conditional_expression':
        return true;
      case 'binary_expression': {
        const op = cur.childForFieldName('operator')?.type;
        if (op === '&&' || op === '||' || op === 'and' || op === 'or' || op === '??') return true;
        break;
      }
    }
  }
  return false;
}
