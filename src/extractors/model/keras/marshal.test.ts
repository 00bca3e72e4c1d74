import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeMarshal } from './marshal.js';

const FIXTURES = join(import.meta.dirname, '__fixtures__');

/** Builds marshal bytes by hand, to test the layouts of CPython versions other than the one installed. */
class Marshal {
  readonly bytes: number[] = [];
  int(value: number): this {
    this.bytes.push(value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >>> 24) & 0xff);
    return this;
  }
  tag(tag: string, ref = false): this {
    this.bytes.push(tag.charCodeAt(0) | (ref ? 0x80 : 0));
    return this;
  }
  short(text: string, ref = false): this {
    this.tag('z', ref).bytes.push(text.length, ...Buffer.from(text, 'latin1'));
    return this;
  }
  raw(tag: string, payload: Uint8Array): this {
    this.tag(tag).int(payload.length).bytes.push(...payload);
    return this;
  }
  tuple(items: ((m: Marshal) => void)[]): this {
    this.tag(')').bytes.push(items.length);
    for (const item of items) item(this);
    return this;
  }
  done(): Uint8Array {
    return new Uint8Array(this.bytes);
  }
}

/** A Python 3.8-3.10 code object: six int fields, then eight objects, line number, lnotab. */
function py310Code(): Uint8Array {
  const m = new Marshal().tag('c', true).int(1).int(0).int(0).int(1).int(3).int(0x43);
  m.raw('s', new Uint8Array([0x74, 0, 0x64, 1]));
  m.tuple([(x) => x.tag('N'), (x) => x.short('rm -rf /tmp/x', true)]);
  m.tuple([(x) => x.short('os', true), (x) => x.short('system')]);
  m.tuple([(x) => x.short('x')]).tuple([]).tuple([]);
  m.short('<stdin>').short('<lambda>');
  m.int(1).raw('s', new Uint8Array([0]));
  return m.done();
}

/** A Python 2 code object: four int fields, bytes names via the reference table. */
function py2Code(): Uint8Array {
  const m = new Marshal().tag('c').int(1).int(1).int(2).int(0x43);
  m.raw('s', new Uint8Array([0x74, 0, 0]));
  m.tuple([(x) => x.tag('N'), (x) => x.raw('s', Buffer.from('id'))]);
  m.tuple([(x) => x.raw('t', Buffer.from('eval'))]);
  m.tuple([(x) => x.tag('r').int(0)]); // a reference to an object flagged earlier is invalid here: none was
  return m.done();
}

describe('marshal walker', () => {
  it('reads a CPython 3.11 function with a nested function and reports names and constants of both', () => {
    const bytes = new Uint8Array(Buffer.from(readFileSync(join(FIXTURES, 'nested_function.b64'), 'utf8'), 'base64'));
    const summary = summarizeMarshal(bytes);
    expect(summary).toMatchObject({ layout: 'py3.11+', codeObjects: 2, functionNames: ['outer', 'inner'] });
    expect(summary.names).toEqual(expect.arrayContaining(['subprocess', 'run']));
    expect(summary.constants).toEqual(expect.arrayContaining(['curl', 'http://attacker.invalid/x']));
    expect(summary.filename).toContain('generate.py');
  });

  it('infers the CPython 3.8-3.10 layout from the stream', () => {
    const summary = summarizeMarshal(py310Code());
    expect(summary).toMatchObject({ layout: 'py3.8-3.10', codeObjects: 1, names: ['os', 'system'], constants: ['rm -rf /tmp/x'], functionNames: ['<lambda>'], filename: '<stdin>' });
  });

  it('falls back to printable strings when the structure breaks, never throwing', () => {
    const summary = summarizeMarshal(py2Code());
    expect(summary.error).toMatch(/reference 0|truncated|runs past/);
    expect(summary.strings).toEqual(expect.arrayContaining(['eval']));
    expect(summarizeMarshal(new Uint8Array(0)).error).toBeDefined();
    expect(summarizeMarshal(new Uint8Array([0x4e])).error).toBe('the stream holds no code object');
  });

  it('stays bounded on deep nesting', () => {
    const deep = new Uint8Array(100_000).fill(0x29 /* ')' */);
    for (let i = 1; i < deep.length; i += 2) deep[i] = 1;
    expect(summarizeMarshal(deep).error).toContain('nesting deeper');
  });

  it('never throws on random bytes or mutated real code, and collects at most 200 of each', () => {
    const real = new Uint8Array(Buffer.from(readFileSync(join(FIXTURES, 'nested_function.b64'), 'utf8'), 'base64'));
    const check = (bytes: Uint8Array) => {
      const summary = summarizeMarshal(bytes);
      expect(summary.names.length).toBeLessThanOrEqual(200);
      expect(summary.constants.length).toBeLessThanOrEqual(200);
      expect((summary.strings ?? []).length).toBeLessThanOrEqual(200);
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => check(bytes)), { numRuns: 500 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(real.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat(real.length), (flips, cut) => {
        const bytes = real.slice(0, Math.max(1, cut));
        for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
        check(bytes);
      }),
      { numRuns: 500 },
    );
  });
});
