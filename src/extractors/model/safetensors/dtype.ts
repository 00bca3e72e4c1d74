/**
 * The element types of the safetensors specification and their width in bits. The sub-byte types (F4, F6)
 * are packed, so a tensor's byte size is elements x bits / 8 and must come out whole.
 */
export const DTYPE_BITS: ReadonlyMap<string, number> = new Map([
  ['BOOL', 8],
  ['F4', 4],
  ['F6_E2M3', 6],
  ['F6_E3M2', 6],
  ['U8', 8],
  ['I8', 8],
  ['F8_E5M2', 8],
  ['F8_E4M3', 8],
  ['F8_E8M0', 8],
  ['I16', 16],
  ['U16', 16],
  ['F16', 16],
  ['BF16', 16],
  ['I32', 32],
  ['U32', 32],
  ['F32', 32],
  ['C64', 64],
  ['F64', 64],
  ['I64', 64],
  ['U64', 64],
]);

/** Bytes a tensor of `elements` elements of `dtype` takes, or undefined when it is not a whole number of bytes. */
export function tensorBytes(dtype: string, elements: bigint): bigint | undefined {
  const bits = DTYPE_BITS.get(dtype);
  if (bits === undefined) return undefined;
  const total = elements * BigInt(bits);
  return total % 8n === 0n ? total / 8n : undefined;
}
