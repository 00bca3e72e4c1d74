import { LzmaDecoder, lzmaProperties } from './lzma.js';
import { RangeDecoder } from './range-decoder.js';
import { CappedOutput, DecodeStop, runDecoder, type Decoded } from './result.js';

/** Largest dictionary accepted in an LZMA header; real encoders use at most 1.5 GiB. */
const MAX_DICTIONARY = 0xffffffff;

/** A `.lzma` (LZMA-alone) header: properties byte, dictionary size, 64-bit size (all ones: unknown). */
export function looksLikeLzmaAlone(head: Uint8Array): boolean {
  if (head.length < 14) return false;
  const props = lzmaProperties(head[0] as number);
  if (props === undefined || props.lc + props.lp > 4) return false;
  const dict = readLe(head, 1, 4);
  const dictOk = dict >= 4096 && dict <= MAX_DICTIONARY && (isPowerOfTwoish(dict) || dict === MAX_DICTIONARY);
  let unknown = true;
  for (let i = 5; i < 13; i++) if (head[i] !== 0xff) unknown = false;
  const sizeOk = unknown || (head[12] === 0 && head[11] === 0);
  return dictOk && sizeOk && head[13] === 0;
}

/** 2^n or 3 * 2^n, the dictionary sizes xz and the LZMA SDK write. */
function isPowerOfTwoish(value: number): boolean {
  for (let n = 12; n <= 31; n++) if (value === 2 ** n || value === 3 * 2 ** (n - 1)) return true;
  return false;
}

function readLe(bytes: Uint8Array, at: number, width: number): number {
  let value = 0;
  for (let i = width - 1; i >= 0; i--) value = value * 256 + (bytes[at + i] ?? 0);
  return value;
}

/** Decodes a raw LZMA stream given its properties byte and, when known, its decoded size. */
export function decodeLzmaRaw(input: Uint8Array, propsByte: number, size: number | undefined, maxOutput: number): Decoded {
  const out = new CappedOutput(maxOutput);
  return runDecoder(out, () => {
    const props = lzmaProperties(propsByte);
    if (props === undefined) throw new DecodeStop('corrupt', `invalid LZMA properties byte ${propsByte}`);
    const decoder = new LzmaDecoder(out);
    decoder.setProperties(props);
    const rc = new RangeDecoder(input, 0, input.length);
    const limit = size === undefined ? Number.MAX_SAFE_INTEGER : size;
    if (size !== undefined && size > maxOutput) {
      decoder.decode(rc, maxOutput, true);
      throw new DecodeStop('limit', `declared size ${size} exceeds the ${maxOutput}-byte limit`);
    }
    const ended = decoder.decode(rc, limit, true);
    if (!ended && size === undefined) throw new DecodeStop('truncated', 'no end marker');
  });
}

/** A `.lzma` file (what joblib writes with compress='lzma'): 13-byte header, then the LZMA stream. */
export function decodeLzmaAlone(input: Uint8Array, maxOutput: number): Decoded {
  if (input.length < 13) return { bytes: new Uint8Array(0), status: 'truncated', detail: 'LZMA header is cut short' };
  let unknown = true;
  for (let i = 5; i < 13; i++) if (input[i] !== 0xff) unknown = false;
  const size = unknown ? undefined : readLe(input, 5, 8);
  return decodeLzmaRaw(input.subarray(13), input[0] as number, size, maxOutput);
}
