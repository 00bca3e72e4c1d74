const CR = 0x0d;
const LF = 0x0a;
const CRLF = Uint8Array.of(CR, LF);
const CR_RUN = new Uint8Array(64 * 1024).fill(CR);

/** How a text signature (type 0x01) made the file canonical before hashing. */
export type TextCanonicalisation = 'rfc' | 'gnupg';

/**
 * RFC 9580 text: a bare LF becomes CR LF, CR LF stays. Whether an LF is bare depends on the byte before
 * it, which may end the previous piece, so that one byte is carried across pieces.
 */
export function* canonicalTextChunks(chunks: Iterable<Uint8Array>): Generator<Uint8Array> {
  let previous = -1;
  for (const chunk of chunks) {
    if (chunk.length === 0) continue;
    let start = 0;
    for (let lf = chunk.indexOf(LF); lf !== -1; lf = chunk.indexOf(LF, lf + 1)) {
      const before = lf === 0 ? previous : chunk[lf - 1]!;
      if (before === CR) continue;
      if (lf > start) yield chunk.subarray(start, lf);
      yield CRLF;
      start = lf + 1;
    }
    if (start < chunk.length) yield chunk.subarray(start);
    previous = chunk[chunk.length - 1]!;
  }
}

function* crs(count: number): Generator<Uint8Array> {
  for (let left = count; left > 0; left -= CR_RUN.length) yield CR_RUN.subarray(0, Math.min(left, CR_RUN.length));
}

/**
 * GnuPG's text filter (g10/textfilter.c): every CR just before a line's end (LF or end of file) is
 * dropped, then CR LF ends each line that had an LF. A run of CRs may span pieces, so it is held back as a
 * count until the next byte decides whether it is trailing.
 */
export function* gnupgTextChunks(chunks: Iterable<Uint8Array>): Generator<Uint8Array> {
  let pendingCrs = 0;
  for (const chunk of chunks) {
    let nextCr = chunk.indexOf(CR);
    let nextLf = chunk.indexOf(LF);
    let start = 0;
    for (;;) {
      const special = nextCr === -1 ? nextLf : nextLf === -1 ? nextCr : Math.min(nextCr, nextLf);
      const end = special === -1 ? chunk.length : special;
      if (end > start) {
        yield* crs(pendingCrs);
        pendingCrs = 0;
        yield chunk.subarray(start, end);
      }
      if (special === -1) break;
      if (special === nextCr) {
        pendingCrs += 1;
        nextCr = chunk.indexOf(CR, special + 1);
      } else {
        pendingCrs = 0;
        yield CRLF;
        nextLf = chunk.indexOf(LF, special + 1);
      }
      start = special + 1;
    }
  }
}

export function textChunks(chunks: Iterable<Uint8Array>, canonicalisation: TextCanonicalisation): Generator<Uint8Array> {
  return canonicalisation === 'rfc' ? canonicalTextChunks(chunks) : gnupgTextChunks(chunks);
}

/** The canonical text of a whole buffer (small inputs and tests). */
export function canonicalText(data: Uint8Array, canonicalisation: TextCanonicalisation = 'rfc'): Uint8Array {
  return new Uint8Array(Buffer.concat([...textChunks([data], canonicalisation)]));
}
