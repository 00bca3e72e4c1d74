/** DSSE pre-authentication encoding: "DSSEv1 <len(type)> <type> <len(payload)> <payload>", lengths in bytes. */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `, 'utf8'), type, Buffer.from(` ${payload.length} `, 'utf8'), payload]);
}

/**
 * The encoding model_signing v0.2.0 actually signed: capital V and the payload as Python's bytes repr
 * (`b'...'`), a formatting bug kept only to verify those old signatures.
 */
export function legacyPreAuthEncoding(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.from(`DSSEV1 ${type.length} ${payloadType} ${payload.length} ${pythonBytesRepr(payload)}`, 'utf8');
}

/** Python's repr() of a bytes object. */
export function pythonBytesRepr(bytes: Uint8Array): string {
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'";
  let text = '';
  for (const byte of bytes) {
    if (byte === 0x5c) text += '\\\\';
    else if (byte === quote.charCodeAt(0)) text += `\\${quote}`;
    else if (byte === 0x09) text += '\\t';
    else if (byte === 0x0a) text += '\\n';
    else if (byte === 0x0d) text += '\\r';
    else if (byte < 0x20 || byte >= 0x7f) text += `\\x${byte.toString(16).padStart(2, '0')}`;
    else text += String.fromCharCode(byte);
  }
  return `b${quote}${text}${quote}`;
}
