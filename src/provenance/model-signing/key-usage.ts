/** The X.509 KeyUsage bits a model signature depends on (RFC 5280 4.2.1.3). */
export interface KeyUsageBits {
  digitalSignature: boolean;
  keyCertSign: boolean;
}

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** One DER element at `offset`, or undefined when the bytes are not DER (definite lengths only). */
function readTlv(der: Uint8Array, offset: number, limit: number): Tlv | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = der[offset]!;
  let length = der[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i]!;
    start += count;
  }
  if (start + length > limit) return undefined;
  return { tag, start, end: start + length };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const list: Tlv[] = [];
  for (let offset = parent.start; offset < parent.end; ) {
    const child = readTlv(der, offset, parent.end);
    if (child === undefined) return list;
    list.push(child);
    offset = child.end;
  }
  return list;
}

const KEY_USAGE_OID = Buffer.from([0x55, 0x1d, 0x0f]);

/**
 * Reads the KeyUsage extension of a DER certificate (node:crypto exposes only the extended key usage).
 * Returns undefined when the certificate has no KeyUsage extension or cannot be read.
 */
export function readKeyUsage(der: Uint8Array): KeyUsageBits | undefined {
  const certificate = readTlv(der, 0, der.length);
  if (certificate?.tag !== 0x30) return undefined;
  const tbs = children(der, certificate)[0];
  if (tbs?.tag !== 0x30) return undefined;
  const extensionsWrapper = children(der, tbs).find((child) => child.tag === 0xa3);
  if (extensionsWrapper === undefined) return undefined;
  const extensions = children(der, extensionsWrapper)[0];
  if (extensions?.tag !== 0x30) return undefined;
  for (const extension of children(der, extensions)) {
    const parts = children(der, extension);
    const oid = parts[0];
    if (oid?.tag !== 0x06 || !Buffer.from(der.subarray(oid.start, oid.end)).equals(KEY_USAGE_OID)) continue;
    const value = parts.find((part) => part.tag === 0x04);
    if (value === undefined) return undefined;
    const bits = readTlv(der, value.start, value.end);
    if (bits?.tag !== 0x03 || bits.end - bits.start < 2) return undefined;
    const first = der[bits.start + 1]!;
    return { digitalSignature: (first & 0x80) !== 0, keyCertSign: (first & 0x04) !== 0 };
  }
  return undefined;
}
