import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import { scanPickleSource } from './parse.js';
import { looksLikePickle } from './sniff.js';

const LIMITS = { maxPickleOpcodes: 10_000, maxPickleStreams: 4 };

const SEEDS = [
  'plain_p0.pkl',
  'plain_p2.pkl',
  'plain_p5.pkl',
  'arrays_p4.joblib',
  'sklearn_logreg.joblib',
  'dill_lambda.pkl',
  'peer/malicious0.pkl',
  'peer/memo_attack.pkl',
].map((name) => new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url))));

function checkBounded(data: Uint8Array): void {
  const result = scanPickleSource(bufferSource(data), LIMITS);
  expect(result.streams.length).toBeLessThanOrEqual(LIMITS.maxPickleStreams);
  let previousEnd = 0;
  for (const stream of result.streams) {
    expect(stream.start).toBeGreaterThanOrEqual(previousEnd);
    expect(stream.end).toBeGreaterThanOrEqual(stream.start);
    expect(stream.end).toBeLessThanOrEqual(data.length);
    expect(stream.opcodeCount).toBeLessThanOrEqual(LIMITS.maxPickleOpcodes);
    expect(stream.imports.length).toBeLessThanOrEqual(stream.opcodeCount);
    for (const imp of stream.imports) {
      expect(imp.module.length).toBeLessThanOrEqual(256);
      expect(imp.name.length).toBeLessThanOrEqual(256);
      expect(imp.offset).toBeGreaterThanOrEqual(stream.start);
      expect(imp.offset).toBeLessThan(Math.max(stream.end, stream.start + 1));
    }
    if (stream.error) expect(stream.error.offset).toBe(stream.end);
    previousEnd = stream.end;
  }
  if (result.trailingBytes !== undefined) expect(result.trailingBytes).toBe(data.length - previousEnd);
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), data: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(data: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = data.slice();
  for (const m of mutations) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    if (m.kind === 'flip') out[at] = out[at]! ^ (1 << m.bit);
    else if (m.kind === 'truncate') out = out.slice(0, at);
    else if (m.kind === 'insert') out = Uint8Array.from([...out.subarray(0, at), ...m.data, ...out.subarray(at)]);
    else out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + m.length)]);
  }
  return out;
}

describe('robustness', () => {
  it('never throws and stays bounded on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (data) => {
        checkBounded(data);
        looksLikePickle(data);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws and stays bounded on arbitrary opcode soup', () => {
    const opcodeBytes = fc.constantFrom(...'()0125FIJKLMNPQRSTUVXabcdeghijlopqrstu}]G'.split('').map((c) => c.charCodeAt(0)), 0x80, 0x81, 0x85, 0x86, 0x87, 0x88, 0x8c, 0x93, 0x94, 0x95, 0x0a, 0x00, 0x01);
    fc.assert(
      fc.property(fc.array(opcodeBytes, { maxLength: 512 }), (codes) => {
        const data = Uint8Array.from(codes);
        checkBounded(data);
        looksLikePickle(data);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws and stays bounded on mutated valid pickles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, mutations) => {
        const data = mutate(SEEDS[seed]!, mutations);
        checkBounded(data);
        looksLikePickle(data);
      }),
      { numRuns: 3000 },
    );
  });
});
