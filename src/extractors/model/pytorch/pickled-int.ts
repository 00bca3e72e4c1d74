import { readUint } from '../../../containers/window.js';

/**
 * The value of a pickle that is just one small int (`num_storages`, `num_tensors` in PyTorch's tar
 * layout): optional PROTO and FRAME, one int opcode, optional memo opcodes, STOP. Undefined otherwise.
 */
export function readPickledInt(bytes: Uint8Array): number | undefined {
  let at = 0;
  if (bytes[at] === 0x80) at += 2; // PROTO n
  if (bytes[at] === 0x95) at += 9; // FRAME <8 bytes>
  let value: number | undefined;
  const op = bytes[at];
  if (op === 0x4b) [value, at] = [bytes[at + 1], at + 2]; // BININT1
  else if (op === 0x4d) [value, at] = [readUint(bytes, at + 1, 2), at + 3]; // BININT2
  else if (op === 0x4a) [value, at] = [readUint(bytes, at + 1, 4) | 0, at + 5]; // BININT
  else if (op === 0x49 || op === 0x4c) {
    const nl = bytes.indexOf(0x0a, at);
    if (nl < 0) return undefined;
    const text = new TextDecoder().decode(bytes.subarray(at + 1, nl)).replace(/L$/, '');
    value = /^-?\d{1,15}$/.test(text) ? Number(text) : undefined;
    at = nl + 1;
  } else return undefined;
  while (bytes[at] === 0x94 || bytes[at] === 0x71) at += bytes[at] === 0x71 ? 2 : 1; // MEMOIZE, BINPUT
  return bytes[at] === 0x2e && value !== undefined && value >= 0 ? value : undefined;
}
