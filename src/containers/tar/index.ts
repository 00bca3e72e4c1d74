import type { ByteSource } from '../../core/bytes.js';
import type { ContainerAnomaly } from '../../core/model-metadata.js';
import { unsafeMemberPath } from '../member-path.js';
import { WindowReader } from '../window.js';
import { parseHeader, parsePaxRecords, BLOCK } from './header.js';
import { unsafeLinkTarget } from './link.js';

export { unsafeLinkTarget } from './link.js';

export interface TarEntry {
  name: string;
  /** `0` regular file, `5` directory, `2` symlink, ... (the ustar type flag). */
  type: string;
  /** Absolute offset of the member data. */
  dataOffset: number;
  size: number;
  /** Target of a symlink or hard link (empty for other members). */
  linkName: string;
}

export interface TarListing {
  entries: TarEntry[];
  anomalies: ContainerAnomaly[];
  /** False when the first header is not a valid tar header (Python's tarfile refuses such a file). */
  valid: boolean;
}

/** Extension headers that name the next member, and header data bigger than this is not trusted. */
const MAX_EXTENSION_BYTES = 1 << 20;

/**
 * Lists a ustar/GNU/PAX tar archive: header checksums, octal and base-256 sizes, GNU long names and PAX
 * paths. Stops at the end blocks or the first invalid header, as Python's tarfile does. Never throws.
 */
export function listTar(source: ByteSource, limits: { maxArchiveMembers: number }): TarListing {
  const reader = new WindowReader(source, 8192);
  const entries: TarEntry[] = [];
  const anomalies: ContainerAnomaly[] = [];
  const seen = new Set<string>();
  let at = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let valid = false;
  while (at + BLOCK <= source.size) {
    const header = parseHeader(reader.bytesAt(at, BLOCK));
    if (header === 'zero') break;
    if (header === undefined) {
      if (valid) anomalies.push({ kind: 'malformed', message: 'invalid tar header (bad checksum or fields); the rest of the archive was not read', offset: at });
      break;
    }
    valid = true;
    const dataOffset = at + BLOCK;
    if (dataOffset + header.size > source.size) {
      anomalies.push({ kind: 'malformed', message: `member data (${header.size} bytes) runs past the end of the file`, member: header.name, offset: at });
    }
    at = dataOffset + Math.ceil(header.size / BLOCK) * BLOCK;
    if (header.type === 'L' || header.type === 'K' || header.type === 'x') {
      if (header.size <= MAX_EXTENSION_BYTES) {
        const data = reader.bytesAt(dataOffset, header.size);
        const text = new TextDecoder().decode(data).replace(/\0.*$/s, '');
        if (header.type === 'L') longName = text;
        else if (header.type === 'K') longLink = text;
        else {
          const records = parsePaxRecords(data);
          longName = records['path'] ?? longName;
          longLink = records['linkpath'] ?? longLink;
        }
      }
      continue;
    }
    if (header.type === 'g') continue;
    const name = longName ?? header.name;
    const linkName = longLink ?? header.linkName;
    longName = undefined;
    longLink = undefined;
    if (entries.length >= limits.maxArchiveMembers) {
      anomalies.push({ kind: 'size-limit', message: `more than ${limits.maxArchiveMembers} members; the rest were not scanned`, offset: at });
      break;
    }
    entries.push({ name, type: header.type, dataOffset, size: header.size, linkName });
    const unsafe = unsafeMemberPath(name);
    if (unsafe !== undefined) anomalies.push({ kind: 'path-traversal', message: `member name ${unsafe}`, member: name, offset: dataOffset - BLOCK });
    const unsafeLink = unsafeLinkTarget(name, header.type, linkName);
    if (unsafeLink !== undefined) anomalies.push({ kind: 'path-traversal', message: unsafeLink, member: name, offset: dataOffset - BLOCK });
    if (header.type === 'S') anomalies.push({ kind: 'unscannable', message: 'GNU sparse member: its content was not scanned', member: name, offset: dataOffset - BLOCK });
    if (seen.has(name)) {
      anomalies.push({ kind: 'duplicate-entry', message: 'several members share this name; Python\'s tarfile uses the last one (all were scanned)', member: name, offset: dataOffset - BLOCK });
    }
    seen.add(name);
  }
  return { entries, anomalies, valid };
}

/** A ustar magic at offset 257 and a valid first header. */
export function looksLikeTar(head: Uint8Array): boolean {
  if (head.length < BLOCK) return false;
  const header = parseHeader(head.subarray(0, BLOCK));
  return header !== undefined && header !== 'zero';
}

/** Names of the members whose headers are inside `head` (for content sniffing). */
export function tarNamesInHead(head: Uint8Array): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + BLOCK <= head.length && names.length < 64) {
    const header = parseHeader(head.subarray(at, at + BLOCK));
    if (header === undefined || header === 'zero') break;
    if (header.type !== 'L' && header.type !== 'x' && header.type !== 'g' && header.type !== 'K') names.push(header.name);
    at += BLOCK + Math.ceil(header.size / BLOCK) * BLOCK;
  }
  return names;
}
