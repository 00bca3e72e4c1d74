import { JinjaLimitError, JinjaSyntaxError } from './ast.js';
import type { JinjaToken } from './lexer.js';

/** A cursor over tokens with jinja2's `expect`/`skip_if` helpers and a nesting bound. */
export class TokenStream {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: JinjaToken[],
    private readonly maxDepth: number,
  ) {}

  get current(): JinjaToken {
    return this.tokens[Math.min(this.index, this.tokens.length - 1)]!;
  }

  look(ahead = 1): JinjaToken {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)]!;
  }

  next(): JinjaToken {
    const token = this.current;
    if (this.index < this.tokens.length - 1) this.index += 1;
    return token;
  }

  isOperator(value: string, token = this.current): boolean {
    return token.kind === 'operator' && token.value === value;
  }

  isName(value: string, token = this.current): boolean {
    return token.kind === 'name' && token.value === value;
  }

  skipOperator(value: string): boolean {
    if (!this.isOperator(value)) return false;
    this.next();
    return true;
  }

  skipName(value: string): boolean {
    if (!this.isName(value)) return false;
    this.next();
    return true;
  }

  expectOperator(value: string): JinjaToken {
    if (!this.isOperator(value)) throw this.error(`expected '${value}'`);
    return this.next();
  }

  expectName(): string {
    const token = this.current;
    if (token.kind !== 'name') throw this.error('expected a name');
    this.next();
    return token.value;
  }

  expectKind(kind: JinjaToken['kind']): JinjaToken {
    if (this.current.kind !== kind) throw this.error(`expected ${kind.replace('_', ' ')}`);
    return this.next();
  }

  error(message: string): JinjaSyntaxError {
    const token = this.current;
    const found = token.kind === 'name' || token.kind === 'operator' ? `'${token.value}'` : token.kind.replace('_', ' ');
    return new JinjaSyntaxError(`${message}, got ${found}`, token.offset);
  }

  /** Runs `parse` one nesting level deeper; jinja2 itself would hit Python's recursion limit. */
  nested<T>(parse: () => T): T {
    if (this.depth >= this.maxDepth) throw new JinjaLimitError(`expressions nested deeper than ${this.maxDepth}`, this.current.offset);
    this.depth += 1;
    try {
      return parse();
    } finally {
      this.depth -= 1;
    }
  }
}
