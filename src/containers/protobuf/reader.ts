import type { ByteSource } from '../../core/bytes.js';
import { WindowReader } from '../window.js';

/** Wire types of the protobuf encoding; 3 and 4 (groups) are skipped, never descended into. */
export type WireType = 0 | 1 | 2 | 3 | 5;

/** A byte range of the source: one message, or one length-delimited payload. */
export interface ProtoRange {
  start: number;
  end: number;
}

/**
 * One field of a message, without its payload: varints and fixed values are decoded (above 2^53 they lose
 * precision), length-delimited payloads and skipped groups are described by their range only.
 */
export interface ProtoField {
  number: number;
  wireType: WireType;
  /** Where the tag starts. */
  offset: number;
  /** The value of a varint or fixed field; the payload length of a length-delimited field. */
  value: number;
  /** The payload of a length-delimited field, or the body of a skipped group. */
  payload?: ProtoRange;
}

export type ProtoErrorCode =
  | 'PROTO_TRUNCATED'
  | 'PROTO_BAD_VARINT'
  | 'PROTO_BAD_WIRE_TYPE'
  | 'PROTO_BAD_FIELD_NUMBER'
  | 'PROTO_BAD_GROUP'
  | 'PROTO_LENGTH_OVERFLOW'
  | 'PROTO_DEPTH_LIMIT'
  | 'PROTO_FIELD_LIMIT';

export interface ProtoError {
  code: ProtoErrorCode;
  message: string;
  offset: number;
}

export interface ProtoLimits {
  /** Messages nested inside messages (the top-level message is depth 0). */
  maxDepth: number;
  /** Fields read over the whole file before the reader stops (bounds time on hostile inputs). */
  maxFields: number;
}

export const DEFAULT_PROTO_LIMITS: ProtoLimits = { maxDepth: 64, maxFields: 20_000_000 };

const MAX_VARINT_BYTES = 10;
const MAX_FIELD_NUMBER = 0x1fffffff;
const MAX_GROUP_NESTING = 16;

/**
 * A bounded reader of the protobuf wire format over a ByteSource. It iterates the fields of one message
 * range at a time, checks every length against the enclosing message, and never copies a payload unless
 * asked for its bytes. It never throws: the first problem is kept in `error` and iteration stops there.
 */
export class ProtoReader {
  private readonly window: WindowReader;
  private fieldsRead = 0;
  error: ProtoError | undefined;

  constructor(
    readonly source: ByteSource,
    readonly limits: ProtoLimits = DEFAULT_PROTO_LIMITS,
  ) {
    this.window = new WindowReader(source, 1 << 16);
  }

  /** The whole source as the top-level message. */
  get root(): ProtoRange {
    return { start: 0, end: this.source.size };
  }

  /** Fields of the message in `range`, at nesting `depth`; stops at the first malformed field. */
  *fields(range: ProtoRange, depth = 0): Generator<ProtoField> {
    if (this.error) return;
    if (depth > this.limits.maxDepth) {
      this.fail('PROTO_DEPTH_LIMIT', `message nested deeper than ${this.limits.maxDepth}`, range.start);
      return;
    }
    let at = range.start;
    while (at < range.end && !this.error) {
      if (++this.fieldsRead > this.limits.maxFields) {
        this.fail('PROTO_FIELD_LIMIT', `more than ${this.limits.maxFields} fields`, at);
        return;
      }
      const field = this.field(at, range.end);
      if (!field) return;
      yield field.field;
      at = field.next;
    }
  }

  /** Up to `max` bytes of a payload (copied only here); `truncated` when the payload is longer. */
  bytes(range: ProtoRange, max: number): { bytes: Uint8Array; truncated: boolean } {
    const length = Math.max(0, range.end - range.start);
    const take = Math.min(length, max);
    return { bytes: take === 0 ? new Uint8Array(0) : this.source.read(range.start, take).slice(), truncated: length > max };
  }

  /** A payload decoded as UTF-8 (invalid sequences replaced), cut at `max` bytes. */
  text(range: ProtoRange, max: number): string {
    return new TextDecoder('utf-8', { fatal: false }).decode(this.bytes(range, max).bytes);
  }

  /** The varints of a packed repeated field, at most `max` of them. */
  packedVarints(range: ProtoRange, max: number): number[] {
    const values: number[] = [];
    let at = range.start;
    while (at < range.end && values.length < max) {
      const v = this.varint(at, range.end);
      if (!v) break;
      values.push(v.value);
      at = v.next;
    }
    return values;
  }

  private fail(code: ProtoErrorCode, message: string, offset: number): undefined {
    this.error ??= { code, message, offset };
    return undefined;
  }

  private varint(at: number, end: number): { value: number; next: number } | undefined {
    const bytes = this.window.bytesAt(at, Math.min(MAX_VARINT_BYTES, end - at));
    let value = 0;
    let scale = 1;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (i === MAX_VARINT_BYTES - 1 && byte > 1) return this.fail('PROTO_BAD_VARINT', 'varint overflows 64 bits', at);
      value += (byte & 0x7f) * scale;
      scale *= 128;
      if (byte < 0x80) return { value, next: at + i + 1 };
    }
    if (bytes.length === MAX_VARINT_BYTES) return this.fail('PROTO_BAD_VARINT', 'varint longer than 10 bytes', at);
    return this.fail('PROTO_TRUNCATED', 'varint runs past the end of its message', at);
  }

  private field(at: number, end: number, groupNesting = 0): { field: ProtoField; next: number } | undefined {
    const tag = this.varint(at, end);
    if (!tag) return undefined;
    const number = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    if (number < 1 || number > MAX_FIELD_NUMBER) return this.fail('PROTO_BAD_FIELD_NUMBER', `field number ${number} is out of range`, at);
    const body = tag.next;
    switch (wireType) {
      case 0: {
        const v = this.varint(body, end);
        return v && { field: { number, wireType: 0, offset: at, value: v.value }, next: v.next };
      }
      case 1:
      case 5: {
        const width = wireType === 1 ? 8 : 4;
        if (body + width > end) return this.fail('PROTO_TRUNCATED', `fixed${width * 8} value runs past the end of its message`, at);
        const value = this.window.uint(body, width) ?? 0;
        return { field: { number, wireType, offset: at, value }, next: body + width };
      }
      case 2: {
        const length = this.varint(body, end);
        if (!length) return undefined;
        if (length.value > end - length.next) {
          return this.fail('PROTO_LENGTH_OVERFLOW', `field ${number} declares ${length.value} bytes but its message has ${end - length.next} left`, at);
        }
        const payload = { start: length.next, end: length.next + length.value };
        return { field: { number, wireType: 2, offset: at, value: length.value, payload }, next: payload.end };
      }
      case 3: {
        const groupEnd = this.skipGroup(number, body, end, groupNesting + 1);
        if (groupEnd === undefined) return undefined;
        return { field: { number, wireType: 3, offset: at, value: 0, payload: { start: body, end: groupEnd.bodyEnd } }, next: groupEnd.next };
      }
      case 4:
        return this.fail('PROTO_BAD_GROUP', `end of group ${number} without a start`, at);
      default:
        return this.fail('PROTO_BAD_WIRE_TYPE', `wire type ${wireType} does not exist`, at);
    }
  }

  /** Skips a (deprecated) group up to its matching end tag, the way a parser skips an unknown field. */
  private skipGroup(number: number, at: number, end: number, nesting: number): { bodyEnd: number; next: number } | undefined {
    if (nesting > MAX_GROUP_NESTING) return this.fail('PROTO_DEPTH_LIMIT', `groups nested deeper than ${MAX_GROUP_NESTING}`, at);
    let cursor = at;
    while (cursor < end) {
      if (++this.fieldsRead > this.limits.maxFields) return this.fail('PROTO_FIELD_LIMIT', `more than ${this.limits.maxFields} fields`, cursor);
      const tag = this.varint(cursor, end);
      if (!tag) return undefined;
      if (tag.value % 8 === 4) {
        if (Math.floor(tag.value / 8) !== number) return this.fail('PROTO_BAD_GROUP', `group ${number} closed by end tag of another group`, cursor);
        return { bodyEnd: cursor, next: tag.next };
      }
      const inner = this.field(cursor, end, nesting);
      if (!inner) return undefined;
      cursor = inner.next;
    }
    return this.fail('PROTO_TRUNCATED', `group ${number} is not closed`, at);
  }
}
