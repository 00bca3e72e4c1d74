import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../core/bytes.js';
import { ProtoReader, textOf, varintsOf, type ProtoField } from './index.js';

function all(bytes: number[], maxDepth = 64): { fields: ProtoField[]; reader: ProtoReader } {
  const reader = new ProtoReader(bufferSource(Uint8Array.from(bytes)), { maxDepth, maxFields: 1000 });
  return { fields: [...reader.fields(reader.root)], reader };
}

describe('ProtoReader', () => {
  it('reads varint, fixed and length-delimited fields without copying payloads', () => {
    const { fields, reader } = all([0x08, 0x96, 0x01, 0x12, 0x02, 0x68, 0x69, 0x1d, 1, 0, 0, 0, 0x21, 2, 0, 0, 0, 0, 0, 0, 0]);
    expect(reader.error).toBeUndefined();
    expect(fields.map((f) => [f.number, f.wireType, f.value])).toEqual([
      [1, 0, 150],
      [2, 2, 2],
      [3, 5, 1],
      [4, 1, 2],
    ]);
    expect(textOf(reader, fields[1]!, 100)).toBe('hi');
    expect(fields[1]!.payload).toEqual({ start: 5, end: 7 });
  });

  it('reads packed and unpacked repeated varints', () => {
    const { fields, reader } = all([0x0a, 0x03, 0x01, 0x96, 0x01, 0x08, 0x05]);
    expect(varintsOf(reader, fields[0]!, 10)).toEqual([1, 150]);
    expect(varintsOf(reader, fields[1]!, 10)).toEqual([5]);
  });

  it('accepts a 10-byte varint and rejects an 11-byte one', () => {
    const ten = [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    expect(all(ten).reader.error).toBeUndefined();
    const eleven = [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x81, 0x01];
    expect(all(eleven).reader.error?.code).toBe('PROTO_BAD_VARINT');
  });

  it('checks a declared length against the enclosing message', () => {
    const { reader } = all([0x12, 0x05, 0x68]);
    expect(reader.error).toMatchObject({ code: 'PROTO_LENGTH_OVERFLOW', offset: 0 });
    const nested = new ProtoReader(bufferSource(Uint8Array.from([0x0a, 0x02, 0x12, 0x05, 0x08, 0x01])));
    const outer = [...nested.fields(nested.root)];
    expect(outer).toHaveLength(2);
    expect([...nested.fields(outer[0]!.payload!, 1)]).toHaveLength(0);
    expect(nested.error).toMatchObject({ code: 'PROTO_LENGTH_OVERFLOW', offset: 2 });
  });

  it('reports truncation, bad wire types and field zero', () => {
    expect(all([0x08]).reader.error?.code).toBe('PROTO_TRUNCATED');
    expect(all([0x0e, 0x00]).reader.error?.code).toBe('PROTO_BAD_WIRE_TYPE');
    expect(all([0x00, 0x00]).reader.error?.code).toBe('PROTO_BAD_FIELD_NUMBER');
    expect(all([0x0d, 0x01]).reader.error?.code).toBe('PROTO_TRUNCATED');
  });

  it('skips groups to their matching end tag and rejects unmatched ones', () => {
    const { fields, reader } = all([0x0b, 0x10, 0x01, 0x0c, 0x18, 0x02]);
    expect(reader.error).toBeUndefined();
    expect(fields.map((f) => [f.number, f.wireType])).toEqual([
      [1, 3],
      [3, 0],
    ]);
    expect(all([0x0c]).reader.error?.code).toBe('PROTO_BAD_GROUP');
    expect(all([0x0b, 0x14]).reader.error?.code).toBe('PROTO_BAD_GROUP');
    expect(all([0x0b, 0x10, 0x01]).reader.error?.code).toBe('PROTO_TRUNCATED');
    expect(all(new Array<number>(100).fill(0x0b)).reader.error?.code).toBe('PROTO_DEPTH_LIMIT');
  });

  it('stops descending past the depth limit', () => {
    const { reader } = all([0x0a, 0x00], 1);
    expect([...reader.fields(reader.root, 2)]).toHaveLength(0);
    expect(reader.error?.code).toBe('PROTO_DEPTH_LIMIT');
  });

  it('stops after the field budget', () => {
    const reader = new ProtoReader(bufferSource(new Uint8Array(20).fill(0x08).map((b, i) => (i % 2 ? 1 : b))), { maxDepth: 4, maxFields: 3 });
    expect([...reader.fields(reader.root)]).toHaveLength(3);
    expect(reader.error?.code).toBe('PROTO_FIELD_LIMIT');
  });
});
