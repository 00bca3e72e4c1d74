/**
 * A strict parser for the Python literals NumPy writes in `.npy` headers (what `ast.literal_eval` accepts
 * of them): dicts, tuples, lists, strings, ints, floats, True/False/None. Depth and size are bounded; any
 * other syntax is an error, never evaluated.
 */
export type PyValue = string | number | boolean | null | PyTuple | PyValue[] | PyDict;
export interface PyTuple {
  tuple: PyValue[];
}
export interface PyDict {
  dict: [PyValue, PyValue][];
}

const MAX_DEPTH = 32;

export class LiteralError {
  constructor(readonly message: string, readonly offset: number) {}
}

export function isTuple(value: PyValue): value is PyTuple {
  return typeof value === 'object' && value !== null && 'tuple' in value;
}

export function isDict(value: PyValue): value is PyDict {
  return typeof value === 'object' && value !== null && 'dict' in value;
}

export function parsePythonLiteral(text: string): PyValue | LiteralError {
  const parser = new Parser(text);
  try {
    const value = parser.value(0);
    parser.space();
    if (parser.at < text.length) return new LiteralError('unexpected text after the literal', parser.at);
    return value;
  } catch (error) {
    if (error instanceof LiteralError) return error;
    throw error;
  }
}

class Parser {
  at = 0;
  constructor(private readonly text: string) {}

  space(): void {
    while (this.at < this.text.length && ' \t\n\r\f\v'.includes(this.text[this.at]!)) this.at++;
  }

  private fail(message: string): never {
    throw new LiteralError(message, this.at);
  }

  value(depth: number): PyValue {
    if (depth > MAX_DEPTH) this.fail('literal nested too deeply');
    this.space();
    const c = this.text[this.at];
    if (c === '{') return { dict: this.sequence('}', depth, true) as [PyValue, PyValue][] };
    if (c === '[') return this.sequence(']', depth, false) as PyValue[];
    if (c === '(') return this.tuple(depth);
    if (c === "'" || c === '"') return this.string();
    const word = /^(True|False|None)\b/.exec(this.text.slice(this.at, this.at + 6));
    if (word) {
      this.at += word[1]!.length;
      return word[1] === 'True' ? true : word[1] === 'False' ? false : null;
    }
    const number = /^[-+]?(\d+\.?\d*(e[-+]?\d+)?|\.\d+(e[-+]?\d+)?)L?/i.exec(this.text.slice(this.at, this.at + 64));
    if (number) {
      this.at += number[0].length;
      return Number(number[0].replace(/L$/i, ''));
    }
    return this.fail(`unexpected ${c === undefined ? 'end of header' : JSON.stringify(c)}`);
  }

  private tuple(depth: number): PyTuple | PyValue {
    this.at++;
    const items: PyValue[] = [];
    let trailingComma = false;
    for (;;) {
      this.space();
      if (this.text[this.at] === ')') break;
      items.push(this.value(depth + 1));
      this.space();
      trailingComma = this.text[this.at] === ',';
      if (trailingComma) this.at++;
      else if (this.text[this.at] !== ')') this.fail('expected , or )');
    }
    this.at++;
    // `(x)` is just x; `(x,)` and `()` are tuples.
    return items.length === 1 && !trailingComma ? items[0]! : { tuple: items };
  }

  private sequence(close: string, depth: number, pairs: boolean): PyValue[] | [PyValue, PyValue][] {
    this.at++;
    const items: (PyValue | [PyValue, PyValue])[] = [];
    for (;;) {
      this.space();
      if (this.text[this.at] === close) break;
      const key = this.value(depth + 1);
      if (pairs) {
        this.space();
        if (this.text[this.at] !== ':') this.fail('expected :');
        this.at++;
        items.push([key, this.value(depth + 1)]);
      } else items.push(key);
      this.space();
      if (this.text[this.at] === ',') this.at++;
      else if (this.text[this.at] !== close) this.fail(`expected , or ${close}`);
    }
    this.at++;
    return items as PyValue[] | [PyValue, PyValue][];
  }

  private string(): string {
    const quote = this.text[this.at]!;
    this.at++;
    let out = '';
    for (;;) {
      const c = this.text[this.at];
      if (c === undefined || c === '\n') this.fail('unterminated string');
      this.at++;
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.at++];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
      if (e !== undefined && e in simple) out += simple[e];
      else if (e === 'x' || e === 'u') {
        const width = e === 'x' ? 2 : 4;
        const hex = this.text.slice(this.at, this.at + width);
        if (!/^[0-9a-f]+$/i.test(hex) || hex.length !== width) this.fail('bad escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.at += width;
      } else this.fail('unsupported escape');
    }
  }
}
