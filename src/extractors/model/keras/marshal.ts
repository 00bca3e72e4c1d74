/**
 * A bounded walk of a CPython `marshal` stream (what Keras stores for a Lambda layer's function), collecting
 * the names and string constants its code objects reference. Nothing is executed or unmarshalled into Python.
 * The code-object layout differs between CPython versions; it is inferred from the stream's own type tags
 * (see readCode), so no per-version table is needed.
 */
import type { KerasCodeSummary } from '../../../core/model-facts/keras.js';

/** What the walk found: the same shape the Keras facts record. */
export type MarshalSummary = KerasCodeSummary;

const MAX_DEPTH = 64;
const MAX_OBJECTS = 200_000;
const MAX_COLLECTED = 200;
const MAX_TEXT = 200;
const FLAG_REF = 0x80;

type Node =
  | { kind: 'str'; raw: Uint8Array; utf8: boolean; bytes: boolean }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'code'; names: Node; consts: Node; name: Node; filename: Node }
  | { kind: 'other' };

class MarshalError extends Error {}

const OTHER: Node = { kind: 'other' };
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: false });

class Reader {
  at = 0;
  objects = 0;
  refs: Node[] = [];
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.at >= this.bytes.length) throw new MarshalError(`truncated at offset ${this.at}`);
    return this.bytes[this.at++] as number;
  }

  int32(): number {
    const b = this.take(4);
    return ((b[0] as number) | ((b[1] as number) << 8) | ((b[2] as number) << 16) | ((b[3] as number) << 24));
  }

  take(length: number): Uint8Array {
    if (length < 0 || this.at + length > this.bytes.length) throw new MarshalError(`length ${length} at offset ${this.at} runs past the end`);
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }

  object(depth: number): Node {
    if (depth > MAX_DEPTH) throw new MarshalError(`nesting deeper than ${MAX_DEPTH}`);
    if (++this.objects > MAX_OBJECTS) throw new MarshalError(`more than ${MAX_OBJECTS} objects`);
    const tagByte = this.byte();
    const flagged = (tagByte & FLAG_REF) !== 0;
    const slot = flagged ? this.refs.push(OTHER) - 1 : -1;
    const node = this.body(String.fromCharCode(tagByte & ~FLAG_REF), depth);
    if (flagged) this.refs[slot] = node;
    return node;
  }

  /** Strings keep their bytes and are decoded only when collected, so re-parsing on a retry costs nothing. */
  private str(length: number, utf8: boolean, bytes = false): Node {
    return { kind: 'str', raw: this.take(length), utf8, bytes };
  }

  private seq(count: number, depth: number): Node {
    if (count < 0) throw new MarshalError(`negative count at offset ${this.at}`);
    const items: Node[] = [];
    for (let i = 0; i < count; i++) items.push(this.object(depth + 1));
    return { kind: 'seq', items };
  }

  private body(tag: string, depth: number): Node {
    switch (tag) {
      case '0': case 'N': case 'F': case 'T': case 'S': case '.':
        return OTHER;
      case 'i': this.take(4); return OTHER;
      case 'I': this.take(8); return OTHER;
      case 'g': this.take(8); return OTHER;
      case 'y': this.take(16); return OTHER;
      case 'f': this.take(this.byte()); return OTHER;
      case 'x': this.take(this.byte()); this.take(this.byte()); return OTHER;
      case 'l': this.take(Math.abs(this.int32()) * 2); return OTHER;
      case 's': return this.str(this.int32(), false, true);
      case 't': case 'a': case 'A': return this.str(this.int32(), false);
      case 'u': return this.str(this.int32(), true);
      case 'z': case 'Z': return this.str(this.byte(), false);
      case '(': case '[': case '<': case '>': return this.seq(this.int32(), depth);
      case ')': return this.seq(this.byte(), depth);
      case '{': return this.dict(depth);
      case 'r': {
        const index = this.int32();
        const target = this.refs[index];
        if (target === undefined) throw new MarshalError(`reference ${index} to an object not yet read`);
        return target;
      }
      case 'c': return this.code(depth);
      default:
        throw new MarshalError(`unknown type tag 0x${tag.charCodeAt(0).toString(16)} at offset ${this.at - 1}`);
    }
  }

  private dict(depth: number): Node {
    const items: Node[] = [];
    for (;;) {
      if (this.bytes[this.at] === 0x30) { this.at++; return { kind: 'seq', items }; }
      items.push(this.object(depth + 1), this.object(depth + 1));
    }
  }

  /**
   * A code object is N int32 fields (4 in Python 2, 5 in 3.0-3.7 and 3.11+, 6 in 3.8-3.10), then eight
   * objects (bytecode, consts, names, then five that differ), a raw int32 first line number and one or
   * two tables. N is found by trying each count and keeping the first that parses; the fifth object is
   * bytes (co_localspluskinds) only in 3.11+, which then has a second table after the line number.
   */
  private code(depth: number): Node {
    const start = this.at;
    const refsBefore = this.refs.length;
    let lastError: unknown;
    for (const fields of [6, 5, 4]) {
      this.at = start;
      this.refs.length = refsBefore;
      try {
        return this.codeWith(fields, depth);
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError instanceof Error ? lastError : new MarshalError('code object does not parse');
  }

  private codeWith(fields: number, depth: number): Node {
    this.take(fields * 4);
    const tag = this.bytes[this.at] ?? 0;
    if ((tag & ~FLAG_REF) !== 0x73) throw new MarshalError('bytecode is not a bytes object');
    const parts: Node[] = [];
    for (let i = 0; i < 8; i++) parts.push(this.object(depth + 1));
    this.int32(); // first line number
    this.object(depth + 1);
    const modern = parts[4]?.kind === 'str' && parts[4].bytes;
    if (modern) this.object(depth + 1);
    this.layout ??= modern ? 'py3.11+' : fields === 6 ? 'py3.8-3.10' : fields === 5 ? 'py3.0-3.7' : 'py2';
    const at = (i: number): Node => parts[i] ?? OTHER;
    return { kind: 'code', consts: at(1), names: at(2), filename: at(modern ? 5 : 6), name: at(modern ? 6 : 7) };
  }

  layout: string | undefined;
}

/** Summarises a marshalled code object; never throws. */
export function summarizeMarshal(bytes: Uint8Array): MarshalSummary {
  const reader = new Reader(bytes);
  const summary: MarshalSummary = { codeObjects: 0, names: [], constants: [], functionNames: [] };
  try {
    const root = reader.object(0);
    collect(root, summary, true, 0);
    if (reader.layout !== undefined) summary.layout = reader.layout;
    if (summary.codeObjects === 0) summary.error = 'the stream holds no code object';
  } catch (error) {
    summary.error = error instanceof Error ? error.message : String(error);
    summary.strings = printableStrings(bytes);
  }
  return summary;
}

function add(list: string[], value: string): void {
  const text = value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}...` : value;
  if (list.length < MAX_COLLECTED && !list.includes(text)) list.push(text);
}

/** The text of a string node, decoding no more than what is kept. */
function textOf(node: Extract<Node, { kind: 'str' }>): string {
  const head = node.raw.subarray(0, MAX_TEXT * 4);
  const text = (node.utf8 ? utf8 : latin1).decode(head);
  return head.length < node.raw.length ? `${text}...` : text;
}

function strings(node: Node): string[] {
  if (node.kind === 'str') return [textOf(node)];
  if (node.kind === 'seq') return node.items.flatMap((item) => (item.kind === 'str' ? [textOf(item)] : []));
  return [];
}

function collect(node: Node, summary: MarshalSummary, outermost: boolean, depth: number): void {
  if (depth > MAX_DEPTH || node.kind !== 'code') return;
  summary.codeObjects++;
  for (const name of strings(node.names)) add(summary.names, name);
  for (const name of strings(node.name)) add(summary.functionNames, name);
  if (outermost && node.filename.kind === 'str') summary.filename = textOf(node.filename);
  collectConstants(node.consts, summary, depth);
}

function collectConstants(node: Node, summary: MarshalSummary, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (node.kind === 'str') {
    const text = textOf(node);
    if (!node.bytes || isPrintable(text)) add(summary.constants, text);
  }
  else if (node.kind === 'seq') for (const item of node.items) collectConstants(item, summary, depth + 1);
  else if (node.kind === 'code') collect(node, summary, false, depth + 1);
}

function isPrintable(text: string): boolean {
  return /^[\x20-\x7e\t\r\n]*$/.test(text);
}

const SHORT_STRING_TAGS = new Set([0x7a, 0x5a]); // z Z
const LONG_STRING_TAGS = new Set([0x73, 0x74, 0x61, 0x41, 0x75]); // s t a A u
const MAX_SCANNED_STRING = 4096;

/**
 * Every string-tagged object whose length fits and whose content is printable, found by scanning the bytes:
 * for streams the structured walk could not read (an unknown layout, or damage after the interesting part).
 */
function printableStrings(bytes: Uint8Array): string[] {
  const found: string[] = [];
  for (let i = 0; i < bytes.length && found.length < MAX_COLLECTED; i++) {
    const tag = (bytes[i] as number) & ~FLAG_REF;
    let start = -1;
    let length = 0;
    if (SHORT_STRING_TAGS.has(tag) && i + 1 < bytes.length) {
      start = i + 2;
      length = bytes[i + 1] as number;
    } else if (LONG_STRING_TAGS.has(tag) && i + 4 < bytes.length) {
      start = i + 5;
      length = (bytes[i + 1] as number) | ((bytes[i + 2] as number) << 8) | ((bytes[i + 3] as number) << 16) | ((bytes[i + 4] as number) << 24);
    }
    if (start < 0 || length < 2 || length > MAX_SCANNED_STRING || start + length > bytes.length) continue;
    const text = latin1.decode(bytes.subarray(start, start + length));
    if (isPrintable(text)) add(found, text);
  }
  return found;
}
