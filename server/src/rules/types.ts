import type { FileFacts, FixRequest, RelatedLocation, Settings, Severity, Span } from '../model/index.js';

export interface RuleExample {
  /** File name the example is analysed as (selects the extractor), e.g. 'server.js', '.htaccess'. */
  path: string;
  code: string;
}

export interface RuleDocs {
  /** One sentence. */
  summary: string;
  /** What the browser (or an attacker) does, in the terms of the Fetch standard. */
  why: string;
  /** How to fix it. */
  fix: string;
  references: string[];
}

export interface FixOffer {
  title: string;
  requests: FixRequest[];
  /** Safe to apply as the preferred quick fix. */
  preferred?: boolean;
}

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  span: Span;
  related?: RelatedLocation[];
  fixes?: FixOffer[];
  /** Overrides the rule's default severity for this finding (e.g. worse with credentials). Users'
   *  settings still win. */
  severity?: Severity;
}

export interface RuleContext {
  settings: Settings;
  report(r: Report): void;
}

export interface Rule {
  /** Kebab-case, equal to the file name. */
  id: string;
  severity: Severity;
  category: 'security' | 'correctness' | 'compat';
  docs: RuleDocs;
  /** Message templates; `{{name}}` is replaced by report data. */
  messages: Record<string, string>;
  fixable: boolean;
  examples: { invalid: RuleExample[]; valid: RuleExample[] };
  check(facts: FileFacts, ctx: RuleContext): void;
}
