import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../core/bytes.js';
import { ProtoReader, type ProtoRange } from './index.js';

/** Walks every length-delimited payload as if it were a message, the worst case for a schema parser. */
function walkAll(bytes: Uint8Array): number {
  const reader = new ProtoReader(bufferSource(bytes), { maxDepth: 8, maxFields: 10_000 });
  let count = 0;
  const visit = (range: ProtoRange, depth: number): void => {
    for (const field of reader.fields(range, depth)) {
      count++;
      expect(field.offset).toBeGreaterThanOrEqual(range.start);
      if (field.payload) {
        expect(field.payload.start).toBeGreaterThanOrEqual(range.start);
        expect(field.payload.end).toBeLessThanOrEqual(range.end);
        if (field.wireType === 2) visit(field.payload, depth + 1);
      }
    }
  };
  visit(reader.root, 0);
  return count;
}

describe('ProtoReader on arbitrary bytes', () => {
  it('never throws and keeps every payload inside its message', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
      expect(walkAll(bytes)).toBeLessThanOrEqual(10_000);
    }), { numRuns: 500 });
  });

  it('stays bounded on mutated valid messages', () => {
    const valid = Uint8Array.from([0x12, 0x0a, 0x0a, 0x08, 0x0a, 0x03, 0x61, 0x62, 0x63, 0x12, 0x01, 0x78, 0x08, 0x01]);
    fc.assert(fc.property(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), (at, byte) => {
      const mutated = valid.slice();
      mutated[at] = byte;
      expect(walkAll(mutated)).toBeLessThanOrEqual(10_000);
    }), { numRuns: 500 });
  });
});
