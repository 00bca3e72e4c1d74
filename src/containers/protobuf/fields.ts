import type { ProtoField, ProtoRange, ProtoReader } from './reader.js';

/** The payload range of a length-delimited field (a sub-message, string or bytes), else undefined. */
export function payloadOf(field: ProtoField): ProtoRange | undefined {
  return field.wireType === 2 ? field.payload : undefined;
}

/** A length-delimited field read as UTF-8, cut at `max` bytes; undefined for other wire types. */
export function textOf(reader: ProtoReader, field: ProtoField, max: number): string | undefined {
  const payload = payloadOf(field);
  return payload === undefined ? undefined : reader.text(payload, max);
}

/** The values of a repeated integer field, packed (one payload) or not (one varint), at most `max`. */
export function varintsOf(reader: ProtoReader, field: ProtoField, max: number): number[] {
  if (field.wireType === 0) return [field.value];
  const payload = payloadOf(field);
  return payload === undefined ? [] : reader.packedVarints(payload, max);
}
