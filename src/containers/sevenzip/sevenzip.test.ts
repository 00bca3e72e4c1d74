import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../core/bytes.js';
import { HeaderCursor, SevenZipError } from './cursor.js';
import { decodeSevenZipFolder, looksLikeSevenZip, readSevenZip } from './index.js';

const FIXTURES = fileURLToPath(new URL('../../extractors/model/archive/__fixtures__/', import.meta.url));
const PEER = fileURLToPath(new URL('../../../test/fixtures/peer-models/picklescan/data/malicious1.7z', import.meta.url));
const bytesOf = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const LIMITS = { maxArchiveMembers: 1000 };
const SEEDS = readdirSync(FIXTURES).filter((n) => n.endsWith('.7z')).map((n) => bytesOf(FIXTURES + n));

describe('7z reader', () => {
  it('reads the encoded header, the folder and the file name of the peer archive', () => {
    const bytes = bytesOf(PEER);
    expect(looksLikeSevenZip(bytes)).toBe(true);
    const archive = readSevenZip(bufferSource(bytes), LIMITS);
    expect(archive.anomalies).toEqual([]);
    expect(archive.methods).toEqual(['21+03030103']);
    expect(archive.entries.map((e) => [e.name, e.size, e.folder, e.offset])).toEqual([['data.pkl', 51, 0, 0]]);
    const data = decodeSevenZipFolder(bufferSource(bytes), archive, 0, 1 << 20);
    expect(data.status).toBe('ok');
    expect(new TextDecoder('latin1').decode(data.bytes)).toContain('builtins');
  });

  it('names unsupported coders and encrypted data with the member', () => {
    const ppmd = readSevenZip(bufferSource(bytesOf(`${FIXTURES}evil_ppmd.7z`)), LIMITS);
    expect(ppmd.methods).toEqual(['030401']);
    expect(() => decodeSevenZipFolder(bufferSource(bytesOf(`${FIXTURES}evil_ppmd.7z`)), ppmd, 0, 1 << 20)).toThrow(SevenZipError);
    const hidden = readSevenZip(bufferSource(bytesOf(`${FIXTURES}encrypted_headers.7z`)), LIMITS);
    expect(hidden.anomalies.map((a) => a.kind)).toEqual(['encrypted']);
  });

  it('reports a truncated archive', () => {
    const archive = readSevenZip(bufferSource(bytesOf(`${FIXTURES}truncated.7z`)), LIMITS);
    expect(archive.anomalies.map((a) => a.kind)).toEqual(['malformed']);
    expect(archive.entries).toEqual([]);
  });

  it('reads 7z variable-length numbers', () => {
    expect(new HeaderCursor(new Uint8Array([0x7f])).number()).toBe(0x7f);
    expect(new HeaderCursor(new Uint8Array([0x81, 0x02])).number()).toBe(0x102);
    expect(new HeaderCursor(new Uint8Array([0xc0, 0x34, 0x12])).number()).toBe(0x1234);
    expect(() => new HeaderCursor(new Uint8Array([0xff, 1, 2, 3, 4, 5, 6, 7, 0xff])).number()).toThrow(SevenZipError);
  });

  it('never throws and stays bounded on random and mutated archives', () => {
    const check = (bytes: Uint8Array): void => {
      const archive = readSevenZip(bufferSource(bytes), LIMITS);
      expect(archive.entries.length).toBeLessThanOrEqual(LIMITS.maxArchiveMembers);
      for (let folder = 0; folder < (archive.streams?.folders.length ?? 0); folder++) {
        try {
          expect(decodeSevenZipFolder(bufferSource(bytes), archive, folder, 1 << 16).bytes.length).toBeLessThanOrEqual(1 << 16);
        } catch (error) {
          expect(error).toBeInstanceOf(SevenZipError);
        }
      }
    };
    const mutated = fc.tuple(fc.nat({ max: SEEDS.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.nat())
      .map(([seed, writes, cut]) => {
        const bytes = (SEEDS[seed] as Uint8Array).slice();
        for (const [at, value] of writes) bytes[at % bytes.length] = value;
        return bytes.subarray(0, cut % (bytes.length + 1));
      });
    fc.assert(fc.property(mutated, check), { numRuns: 1000 });
    const magic = new Uint8Array([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (tail) => check(new Uint8Array([...magic, ...tail]))), { numRuns: 300 });
  });
});
