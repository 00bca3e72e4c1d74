import { deflateRawSync } from 'node:zlib';

/** A small zip writer for tests: enough to build valid, zip64 and deliberately odd archives. */
export interface BuildMember {
  name: string;
  data: Uint8Array | string;
  method?: 0 | 8;
  flags?: number;
  /** Write 0xffffffff sizes and offset with a zip64 extra field in both headers. */
  zip64?: boolean;
  /** Name written in the local header (defaults to `name`). */
  localName?: string;
  /** Uncompressed size written in the headers (defaults to the real one). */
  declaredSize?: number;
}

export interface BuildOptions {
  prefix?: Uint8Array;
  comment?: string;
  /** Write a zip64 end record and locator. */
  zip64End?: boolean;
}

const enc = new TextEncoder();

class Out {
  parts: Uint8Array[] = [];
  size = 0;
  push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
  }
  le(value: number, width: 2 | 4 | 8): void {
    const b = new Uint8Array(width);
    let v = value;
    for (let i = 0; i < width; i++) {
      b[i] = v % 256;
      v = Math.floor(v / 256);
    }
    this.push(b);
  }
  bytes(): Uint8Array {
    const all = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      all.set(p, at);
      at += p.length;
    }
    return all;
  }
}

function zip64Extra(usize: number, csize: number, offset?: number): Uint8Array {
  const o = new Out();
  o.le(1, 2);
  o.le(offset === undefined ? 16 : 24, 2);
  o.le(usize, 8);
  o.le(csize, 8);
  if (offset !== undefined) o.le(offset, 8);
  return o.bytes();
}

export function buildZip(members: BuildMember[], options: BuildOptions = {}): Uint8Array {
  const out = new Out();
  if (options.prefix) out.push(options.prefix);
  const base = options.prefix?.length ?? 0;
  const central = new Out();
  for (const m of members) {
    const raw = typeof m.data === 'string' ? enc.encode(m.data) : m.data;
    const data = m.method === 8 ? new Uint8Array(deflateRawSync(raw)) : raw;
    const usize = m.declaredSize ?? raw.length;
    const offset = out.size - base;
    const name = enc.encode(m.name);
    const localName = enc.encode(m.localName ?? m.name);
    const big = m.zip64 === true;
    const localExtra = big ? zip64Extra(usize, data.length) : new Uint8Array(0);
    out.le(0x04034b50, 4); out.le(45, 2); out.le(m.flags ?? 0, 2); out.le(m.method ?? 0, 2); out.le(0, 4); out.le(0, 4);
    out.le(big ? 0xffffffff : data.length, 4); out.le(big ? 0xffffffff : usize, 4); out.le(localName.length, 2); out.le(localExtra.length, 2);
    out.push(localName); out.push(localExtra); out.push(data);
    const centralExtra = big ? zip64Extra(usize, data.length, offset) : new Uint8Array(0);
    central.le(0x02014b50, 4); central.le(45, 2); central.le(45, 2); central.le(m.flags ?? 0, 2); central.le(m.method ?? 0, 2);
    central.le(0, 4); central.le(0, 4); central.le(big ? 0xffffffff : data.length, 4); central.le(big ? 0xffffffff : usize, 4);
    central.le(name.length, 2); central.le(centralExtra.length, 2); central.le(0, 2); central.le(0, 2); central.le(0, 2); central.le(0, 4);
    central.le(big ? 0xffffffff : offset, 4); central.push(name); central.push(centralExtra);
  }
  const cdOffset = out.size - base;
  const cd = central.bytes();
  out.push(cd);
  if (options.zip64End) {
    const eocd64 = out.size - base;
    out.le(0x06064b50, 4); out.le(44, 8); out.le(45, 2); out.le(45, 2); out.le(0, 4); out.le(0, 4);
    out.le(members.length, 8); out.le(members.length, 8); out.le(cd.length, 8); out.le(cdOffset, 8);
    out.le(0x07064b50, 4); out.le(0, 4); out.le(eocd64, 8); out.le(1, 4);
  }
  const comment = enc.encode(options.comment ?? '');
  const z = options.zip64End === true;
  out.le(0x06054b50, 4); out.le(0, 2); out.le(0, 2); out.le(z ? 0xffff : members.length, 2); out.le(z ? 0xffff : members.length, 2);
  out.le(z ? 0xffffffff : cd.length, 4); out.le(z ? 0xffffffff : cdOffset, 4); out.le(comment.length, 2); out.push(comment);
  return out.bytes();
}
