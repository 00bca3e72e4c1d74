import { LzmaDecoder, lzmaProperties } from './lzma.js';
import { RangeDecoder } from './range-decoder.js';
import { CappedOutput, DecodeStop, runDecoder, type Decoded } from './result.js';

/**
 * LZMA2: a sequence of chunks, each uncompressed or LZMA-compressed with its own range coder, that may
 * reset the dictionary, the state or the properties. Returns the offset after the end byte in `end`.
 */
export function decodeLzma2Into(input: Uint8Array, start: number, end: number, out: CappedOutput): number {
  const decoder = new LzmaDecoder(out);
  let at = start;
  let needDictReset = true;
  let needProps = true;
  for (;;) {
    if (at >= end) throw new DecodeStop('truncated', 'LZMA2 data ends before its end marker');
    const control = input[at++] as number;
    if (control === 0) return at;
    if (control === 1 || control === 2) {
      if (control === 2 && needDictReset) throw new DecodeStop('corrupt', 'LZMA2 chunk without the initial dictionary reset');
      if (at + 2 > end) throw new DecodeStop('truncated', 'LZMA2 chunk header is cut short');
      const size = (((input[at] as number) << 8) | (input[at + 1] as number)) + 1;
      at += 2;
      if (control === 1) decoder.dictStart = out.length;
      needDictReset = false;
      if (at + size > end) throw new DecodeStop('truncated', 'uncompressed LZMA2 chunk is cut short');
      out.append(input.subarray(at, at + size));
      at += size;
      continue;
    }
    if (control < 0x80) throw new DecodeStop('corrupt', `invalid LZMA2 control byte ${control}`);
    if (at + 4 > end) throw new DecodeStop('truncated', 'LZMA2 chunk header is cut short');
    const unpacked = ((control & 0x1f) << 16) + ((input[at] as number) << 8) + (input[at + 1] as number) + 1;
    const packed = ((input[at + 2] as number) << 8) + (input[at + 3] as number) + 1;
    at += 4;
    const reset = (control >>> 5) & 3;
    if (reset === 3) {
      decoder.dictStart = out.length;
      needDictReset = false;
    } else if (needDictReset) throw new DecodeStop('corrupt', 'LZMA2 chunk without the initial dictionary reset');
    if (reset >= 2) {
      const props = lzmaProperties(input[at++] ?? 0xff);
      if (props === undefined || props.lc + props.lp > 4) throw new DecodeStop('corrupt', 'invalid LZMA2 properties');
      decoder.setProperties(props);
      needProps = false;
    } else if (needProps) throw new DecodeStop('corrupt', 'LZMA2 chunk without properties');
    else if (reset === 1) decoder.resetState();
    if (at + packed > end) throw new DecodeStop('truncated', 'LZMA2 chunk is cut short');
    const rc = new RangeDecoder(input, at, at + packed);
    const target = out.length + unpacked;
    if (target > out.cap) {
      decoder.decode(rc, out.cap, false);
      throw new DecodeStop('limit', `output exceeds the ${out.cap}-byte limit`);
    }
    decoder.decode(rc, target, false);
    at += packed;
  }
}

/** A raw LZMA2 stream (7z coder 0x21, xz filter 0x21). */
export function decodeLzma2(input: Uint8Array, maxOutput: number): Decoded {
  const out = new CappedOutput(maxOutput);
  return runDecoder(out, () => {
    decodeLzma2Into(input, 0, input.length, out);
  });
}
