import { JinjaSyntaxError, type JinjaNode, type JinjaTemplate } from './ast.js';
import { parseExpression, parseFilterExpression, parseFilterTail, parseTuple } from './expression.js';
import { lexJinja } from './lexer.js';
import { TokenStream } from './token-stream.js';

export interface JinjaParseLimits {
  maxTokens: number;
  maxDepth: number;
}

/** Tags that open a block closed by `end<tag>`. */
const BLOCK_TAGS = new Set(['for', 'if', 'macro', 'call', 'filter', 'with', 'block', 'autoescape', 'generation', 'set', 'trans']);
/** Tags jinja2 (with the loopcontrols and do extensions, and transformers' generation tag) accepts without a body. */
const SIMPLE_TAGS = new Set(['break', 'continue']);

/**
 * Parses a template the way jinja2's Environment.parse does and collects its expressions. Throws
 * JinjaSyntaxError where jinja2 raises TemplateSyntaxError, JinjaLimitError where a bound stops it.
 */
export function parseJinja(text: string, limits: JinjaParseLimits): JinjaTemplate {
  const s = new TokenStream(lexJinja(text, { maxTokens: limits.maxTokens }), limits.maxDepth);
  const parser = new StatementParser(s);
  for (let token = s.current; token.kind !== 'eof'; token = s.current) {
    if (token.kind === 'variable_begin') {
      s.next();
      parser.expressions.push(parseTuple(s));
      s.expectKind('variable_end');
    } else if (token.kind === 'block_begin') {
      s.next();
      parser.statement();
      s.expectKind('block_end');
    } else {
      throw s.error('unexpected token');
    }
  }
  const open = parser.stack.at(-1);
  if (open !== undefined) throw new JinjaSyntaxError(`unexpected end of template, jinja was looking for 'end${open.tag}'`, text.length);
  return { expressions: parser.expressions, bound: parser.bound };
}

class StatementParser {
  readonly expressions: JinjaNode[] = [];
  readonly bound = new Set<string>(['loop', 'caller', 'varargs', 'kwargs']);
  readonly stack: { tag: string; offset: number }[] = [];

  constructor(private readonly s: TokenStream) {}

  statement(): void {
    const s = this.s;
    const token = s.current;
    if (token.kind !== 'name') throw s.error('tag name expected');
    const tag = token.value;
    s.next();
    if (tag.startsWith('end')) return this.closeBlock(tag.slice(3), token.offset);
    if (tag === 'elif' || tag === 'else') return this.continueBlock(tag, token.offset);
    if (SIMPLE_TAGS.has(tag)) return;
    const handler = this.handlers[tag];
    if (handler === undefined) throw new JinjaSyntaxError(`encountered unknown tag '${tag}'`, token.offset);
    const opensBlock = handler();
    if (opensBlock && BLOCK_TAGS.has(tag)) this.stack.push({ tag, offset: token.offset });
  }

  private closeBlock(tag: string, offset: number): void {
    const open = this.stack.pop();
    if (open?.tag !== tag) throw new JinjaSyntaxError(`unexpected 'end${tag}'`, offset);
  }

  private continueBlock(tag: string, offset: number): void {
    const open = this.stack.at(-1)?.tag;
    const allowed = tag === 'elif' ? open === 'if' : open === 'if' || open === 'for';
    if (!allowed) throw new JinjaSyntaxError(`unexpected '${tag}'`, offset);
    if (tag === 'elif') this.expressions.push(parseTuple(this.s, { withCondition: false }));
  }

  private expression(): void {
    this.expressions.push(parseTuple(this.s));
  }

  /** Names (or `ns.attr`) being assigned; bound, and namespace attributes kept as expressions. */
  private targets(extraEnd: readonly string[]): void {
    const s = this.s;
    const parenthesised = s.skipOperator('(');
    do {
      if (parenthesised && s.isOperator(')')) break;
      const name = s.expectName();
      if (s.isOperator('.') && s.look().kind === 'name') {
        s.next();
        const attr = s.expectName();
        this.expressions.push({ type: 'attribute', object: { type: 'name', name, offset: s.current.offset }, name: attr, offset: s.current.offset });
      } else {
        this.bound.add(name);
      }
    } while (s.skipOperator(',') && !(s.current.kind === 'name' && extraEnd.includes(s.current.value)));
    if (parenthesised) s.expectOperator(')');
  }

  private parameters(): void {
    const s = this.s;
    s.expectOperator('(');
    while (!s.isOperator(')')) {
      this.bound.add(s.expectName());
      if (s.skipOperator('=')) this.expressions.push(parseExpression(s));
      if (!s.skipOperator(',')) break;
    }
    s.expectOperator(')');
  }

  private readonly handlers: Record<string, () => boolean> = {
    for: () => {
      this.targets(['in']);
      if (!this.s.skipName('in')) throw this.s.error("expected 'in'");
      this.expressions.push(parseTuple(this.s, { withCondition: false, extraEnd: ['recursive'] }));
      if (this.s.skipName('if')) this.expression();
      this.s.skipName('recursive');
      return true;
    },
    if: () => {
      this.expressions.push(parseTuple(this.s, { withCondition: false }));
      return true;
    },
    set: () => {
      this.targets([]);
      if (this.s.skipOperator('=')) {
        this.expression();
        return false;
      }
      if (this.s.isOperator('|')) this.expressions.push(parseFilterExpression(this.s, undefined));
      return true;
    },
    macro: () => {
      this.bound.add(this.s.expectName());
      this.parameters();
      return true;
    },
    call: () => {
      if (this.s.isOperator('(')) this.parameters();
      this.expressions.push(parseExpression(this.s));
      return true;
    },
    filter: () => {
      this.expressions.push(parseFilterExpression(this.s, parseFilterTail(this.s, undefined, this.s.current.offset)));
      return true;
    },
    with: () => {
      while (this.s.current.kind === 'name') {
        this.targets(['=']);
        this.s.expectOperator('=');
        this.expressions.push(parseExpression(this.s));
        if (!this.s.skipOperator(',')) break;
      }
      return true;
    },
    block: () => {
      this.s.expectName();
      this.s.skipName('scoped');
      this.s.skipName('required');
      return true;
    },
    autoescape: () => {
      this.expression();
      return true;
    },
    generation: () => true,
    extends: () => this.includeLike(),
    include: () => this.includeLike(),
    import: () => {
      this.expression();
      if (!this.s.skipName('as')) throw this.s.error("expected 'as'");
      this.bound.add(this.s.expectName());
      this.contextModifier();
      return false;
    },
    from: () => {
      this.expressions.push(parseExpression(this.s));
      if (!this.s.skipName('import')) throw this.s.error("expected 'import'");
      do {
        if (this.s.isName('with') || this.s.isName('without')) break;
        const name = this.s.expectName();
        this.bound.add(this.s.skipName('as') ? this.s.expectName() : name);
      } while (this.s.skipOperator(','));
      this.contextModifier();
      return false;
    },
    do: () => {
      this.expression();
      return false;
    },
    trans: () => {
      while (this.s.current.kind === 'name') {
        this.bound.add(this.s.expectName());
        if (this.s.skipOperator('=')) this.expressions.push(parseExpression(this.s));
        if (!this.s.skipOperator(',')) break;
      }
      return true;
    },
  };

  private includeLike(): boolean {
    this.expressions.push(parseExpression(this.s));
    if (this.s.skipName('ignore')) this.s.skipName('missing');
    this.contextModifier();
    return false;
  }

  private contextModifier(): void {
    if (this.s.skipName('with') || this.s.skipName('without')) this.s.skipName('context');
  }
}

