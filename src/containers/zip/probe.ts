import { bufferSource } from '../../core/bytes.js';
import { readUint, WindowReader } from '../window.js';
import { decodeName, EOCD_SIZE, FLAG_ENCRYPTED, readCentral, readLocal, SIG_CENTRAL, SIG_EOCD, SIG_LOCAL } from './records.js';
import { memberHead } from './member.js';
import type { ZipEntry } from './types.js';

export interface ZipProbeNames {
  /** Member names seen in the probe: local headers in the head, central records in the tail. */
  names: string[];
  /** True when the whole central directory was in the tail, so `names` lists every member. */
  complete: boolean;
  /** First bytes of members whose data starts inside the head. */
  heads: { name: string; head: Uint8Array }[];
  /** True when a member seen in the probe has the encryption flag. */
  encrypted: boolean;
}

/** A zip by its first local header, or by an end record in the tail (bytes before the archive allowed). */
export function looksLikeZip(head: Uint8Array, tail: Uint8Array): boolean {
  if (head.length >= 4 && readUint(head, 0, 4) === SIG_LOCAL) return true;
  return findEndInTail(tail) !== undefined;
}

function findEndInTail(tail: Uint8Array): number | undefined {
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail[i] === 0x50 && readUint(tail, i, 4) === SIG_EOCD && i + EOCD_SIZE + readUint(tail, i + 20, 2) <= tail.length) return i;
  }
  return undefined;
}

/** What content sniffing can learn about a zip's members from its first and last bytes alone. */
export function zipNamesFromProbe(head: Uint8Array, tail: Uint8Array): ZipProbeNames {
  const names: string[] = [];
  const heads: ZipProbeNames['heads'] = [];
  let encrypted = false;
  const headSource = bufferSource(head);
  const headReader = new WindowReader(headSource);
  let at = 0;
  for (let count = 0; count < 1000 && readUint(head, at, 4) === SIG_LOCAL && at + 30 <= head.length; count++) {
    const local = readLocal(headReader, at);
    if (local === undefined) break;
    const name = decodeName(local.nameBytes);
    names.push(name);
    encrypted ||= (local.flags & FLAG_ENCRYPTED) !== 0;
    const entry: ZipEntry = { ...local, name, headerOffset: at, listedBy: 'local-header' };
    const bytes = memberHead(headSource, entry, 64);
    if (bytes.length > 0) heads.push({ name, head: bytes });
    at = local.dataOffset + local.compressedSize;
    if (local.compressedSize === 0) break;
  }
  const tailReader = new WindowReader(bufferSource(tail));
  const end = findEndInTail(tail);
  let complete = false;
  if (end !== undefined) {
    const entries = readUint(tail, end + 10, 2);
    const size = readUint(tail, end + 12, 4);
    const start = end - size;
    if (start >= 0 && (entries === 0 || readUint(tail, start, 4) === SIG_CENTRAL)) {
      complete = true;
      names.length = 0;
    }
  }
  for (let i = 0; i + 46 <= tail.length; i++) {
    if (tail[i] !== 0x50 || readUint(tail, i, 4) !== SIG_CENTRAL) continue;
    const record = readCentral(tailReader, i);
    if (record === undefined) continue;
    names.push(decodeName(record.nameBytes));
    encrypted ||= (record.flags & FLAG_ENCRYPTED) !== 0;
    i += record.length - 1;
  }
  return { names, complete, heads, encrypted };
}
