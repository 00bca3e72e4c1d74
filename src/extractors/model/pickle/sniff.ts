import { bufferSource } from '../../../core/bytes.js';
import { HIGHEST_PROTOCOL, IS_OPCODE, Op } from './opcodes.js';
import { parseStream } from './stream.js';
import { ByteWindow } from './window.js';

/** Opcodes simulated when sniffing a pickle that has no PROTO header. */
const SNIFF_MAX_OPCODES = 2048;
const SNIFF_MAX_BYTES = 16 * 1024;
/** Valid opcodes needed to accept a head that ends before STOP and imports nothing. */
const SNIFF_MIN_OPCODES = 4;

/**
 * Content sniffing: a PROTO header with a known protocol followed by an opcode, or (protocols 0 and 1,
 * which have no header) a head that simulates cleanly up to STOP or to its end.
 */
export function looksLikePickle(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  if (head[0] === Op.PROTO) {
    const protocol = head[1];
    const next = head[2];
    return protocol !== undefined && protocol <= HIGHEST_PROTOCOL && next !== undefined && IS_OPCODE[next] === 1;
  }
  if (IS_OPCODE[head[0] as number] !== 1) return false;
  const probe = head.subarray(0, SNIFF_MAX_BYTES);
  const stream = parseStream(new ByteWindow(bufferSource(probe)), 0, {
    index: 0,
    base: 0,
    maxOpcodes: SNIFF_MAX_OPCODES,
    joblib: false,
    sniff: true,
  });
  if (!stream.error) return true;
  const ranOut = stream.error.code === 'PICKLE_TRUNCATED' || stream.error.code === 'PICKLE_LIMIT';
  return ranOut && (stream.imports.length > 0 || stream.opcodeCount >= SNIFF_MIN_OPCODES);
}

/** The pickle of PyTorch's legacy magic number 0x1950a86a20f9469cfc6c, as LONG1 little-endian bytes. */
const TORCH_MAGIC_LONG1 = [0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

/**
 * True for files that start like PyTorch's legacy `torch.save` format (a pickle of the magic number,
 * with PROTO 2..5 and, for protocol 4+, possibly a FRAME): those belong to the model/pytorch extractor.
 */
export function isTorchLegacyMagic(head: Uint8Array): boolean {
  if (head[0] !== Op.PROTO) return false;
  const protocol = head[1] ?? 0;
  if (protocol < 2 || protocol > HIGHEST_PROTOCOL) return false;
  let at = 2;
  if (head[at] === Op.FRAME) at += 9;
  for (let i = 0; i < TORCH_MAGIC_LONG1.length; i++) if (head[at + i] !== TORCH_MAGIC_LONG1[i]) return false;
  return true;
}
