/** The expression tree of a Jinja template: just enough of jinja2's nodes to say what a template reads and calls. */

export type JinjaNode =
  | { type: 'const'; value: string | number | boolean | null; escaped: boolean; offset: number }
  | { type: 'name'; name: string; offset: number }
  | { type: 'attribute'; object: JinjaNode; name: string; offset: number }
  | { type: 'subscript'; object: JinjaNode; key: JinjaNode; offset: number }
  | { type: 'slice'; parts: (JinjaNode | undefined)[]; offset: number }
  | { type: 'call'; callee: JinjaNode; args: JinjaNode[]; kwargs: JinjaKeyword[]; offset: number }
  | { type: 'filter'; value: JinjaNode | undefined; name: string; args: JinjaNode[]; kwargs: JinjaKeyword[]; offset: number }
  | { type: 'test'; value: JinjaNode; name: string; args: JinjaNode[]; offset: number }
  | { type: 'binary'; op: string; left: JinjaNode; right: JinjaNode; offset: number }
  | { type: 'unary'; op: string; operand: JinjaNode; offset: number }
  | { type: 'list' | 'tuple'; items: JinjaNode[]; offset: number }
  | { type: 'dict'; entries: { key: JinjaNode; value: JinjaNode }[]; offset: number }
  | { type: 'conditional'; test: JinjaNode; then: JinjaNode; otherwise: JinjaNode | undefined; offset: number };

export interface JinjaKeyword {
  name: string;
  value: JinjaNode;
}

/** A whole template as the analysis needs it: every expression, and the names it assigns. */
export interface JinjaTemplate {
  expressions: JinjaNode[];
  /** Names bound by set, for, macro, call, with, import: not globals. */
  bound: Set<string>;
}

/** Why jinja2 would refuse the template (its TemplateSyntaxError), with the offset in the text. */
export class JinjaSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** A bound of the analysis was reached (tokens, nesting); not a syntax error. */
export class JinjaLimitError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}
