import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AigisError } from '../../core/errors.js';
import { checkEntryPath } from './entry-path.js';
import { parseManifest } from './parse.js';
import { renderManifest } from './render.js';
import type { ManifestFormat } from './types.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const parse = (text: string) => parseManifest(Buffer.from(text, 'utf8'), 'm.txt');
const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AigisError);
    return (error as AigisError).code;
  }
};

describe('parseManifest', () => {
  it('reads GNU text and binary lines, comments, ./ prefixes and CRLF, sorted by path', () => {
    const manifest = parse(`# made by hand\r\n${B} *./z/b.bin\r\n${A.toUpperCase()}  a b.txt\n\n`);
    expect(manifest).toEqual({ format: 'sha256sum', entries: [{ path: 'a b.txt', sha256: A }, { path: 'z/b.bin', sha256: B }] });
  });

  it('reads BSD tag lines, taking the last ") = " as the separator', () => {
    expect(parse(`SHA256 (par) = x) = ${A}\nSHA256 (q) = ${B}\n`)).toEqual({ format: 'bsd', entries: [{ path: 'par) = x', sha256: A }, { path: 'q', sha256: B }] });
  });

  it('unescapes names as coreutils escapes them, in both styles', () => {
    const text = `\\${A}  back\\\\slash\n\\SHA256 (new\\nline\\r) = ${B}\n`;
    expect(parse(text).entries.map((e) => e.path)).toEqual(['back\\slash', 'new\nline\r']);
    expect(parse(`${A}  raw\\name\n`).entries[0]!.path).toBe('raw\\name');
  });

  it('reads the JSON format, with sizes, and checks it strictly', () => {
    expect(parse(JSON.stringify({ version: 1, algorithm: 'sha256', files: [{ path: 'w.bin', sha256: A, size: 3 }] }))).toEqual({ format: 'json', entries: [{ path: 'w.bin', sha256: A, size: 3 }] });
    for (const bad of [
      { version: 2, algorithm: 'sha256', files: [] },
      { version: 1, algorithm: 'sha512', files: [{ path: 'x', sha256: A }] },
      { version: 1, algorithm: 'sha256', files: [{ path: 'x', sha256: A.toUpperCase() }] },
      { version: 1, algorithm: 'sha256', files: [{ path: 'x', sha256: A, size: -1 }] },
      { version: 1, algorithm: 'sha256', files: [{ path: 'x', sha256: A, extra: true }] },
    ]) expect(codeOf(() => parse(JSON.stringify(bad)))).toBe('MANIFEST_INVALID');
    expect(codeOf(() => parse('{"version":1,'))).toBe('MANIFEST_INVALID');
  });

  it('refuses malformed lines, other algorithms, empty manifests, bad UTF-8 and conflicting duplicates', () => {
    for (const text of [`${A} x\n`, `${A.slice(1)}  x\n`, `MD5 (x) = ${A.slice(32)}\n`, `SHA512 (x) = ${A}${A}\n`, `SHA256 (x) = zz\n`, '\n# only a comment\n', `\\${A}  bad\\escape\n`, `${A}  x\n${B}  ./x\n`]) {
      expect(codeOf(() => parse(text)), text).toBe('MANIFEST_INVALID');
    }
    expect(codeOf(() => parseManifest(Uint8Array.of(0x61, 0xff, 0x0a), 'm'))).toBe('MANIFEST_INVALID');
    expect(parse(`${A}  x\n${A}  ./x\n`).entries).toEqual([{ path: 'x', sha256: A }]);
  });

  it('refuses every entry that could name a file outside the folder, naming each one', () => {
    const text = [`${A}  ../up`, `${A}  a/../../b`, `${A}  /etc/passwd`, `${A}  C:/Windows/x`, `${A}  c:x`, `${A}  //server/share`, `${A}  ok`, `${A}  .`, `${A}  dir/`].join('\n');
    try {
      parse(text);
      expect.unreachable();
    } catch (error) {
      expect((error as AigisError).code).toBe('PATH_REFUSED');
      for (const name of ['../up', 'a/../../b', '/etc/passwd', 'C:/Windows/x', 'c:x', '//server/share', 'dir/']) expect((error as Error).message).toContain(JSON.stringify(name));
      expect((error as Error).message).not.toContain('"ok"');
    }
    expect(checkEntryPath('a\0b')).toEqual({ ok: false, reason: 'path contains a NUL byte' });
    expect(codeOf(() => parse(JSON.stringify({ version: 1, algorithm: 'sha256', files: [{ path: 'x\0y', sha256: A }] })))).toBe('PATH_REFUSED');
  });
});

describe('manifest parsers (properties)', () => {
  const lineChars = fc.constantFrom(...'abc */\\()=#.\r\t 0123456789abcdefSHA\u00e9'.split(''), '  ', ') = ', 'SHA256 (', A);

  it('never throw anything but a coded AigisError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: lineChars, maxLength: 90 }), fc.string({ maxLength: 90 })), { maxLength: 8 }), (lines) => {
        try {
          const manifest = parse(lines.join('\n'));
          for (const entry of manifest.entries) expect(checkEntryPath(entry.path)).toEqual({ ok: true, path: entry.path });
        } catch (error) {
          if (!(error instanceof AigisError)) throw error;
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        try {
          parse(JSON.stringify(value) ?? '{');
        } catch (error) {
          if (!(error instanceof AigisError)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('round-trip arbitrary file names through every format', () => {
    const segment = fc.string({ unit: fc.oneof(fc.constantFrom('\\', '\n', '\r', ' ', '*', '(', ')', '=', '#', '.', 'é', '\u{1F600}'), fc.string({ minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 12 })
      .filter((s) => !s.includes('/') && !s.includes('\0') && s !== '.' && s !== '..');
    const name = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/')).filter((path) => !/^[A-Za-z]:/.test(path) && !path.startsWith('\\\\'));
    const entries = fc.uniqueArray(fc.record({ path: name, sha256: fc.stringMatching(/^[0-9a-f]{64}$/), size: fc.nat() }), { selector: (e) => e.path, minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(entries, fc.constantFrom<ManifestFormat>('sha256sum', 'bsd', 'json'), fc.boolean(), (list, format, binary) => {
        const text = renderManifest(list, format, { binary });
        const parsed = parse(text);
        expect(parsed.format).toBe(format);
        const expected = list.map((e) => (format === 'json' ? e : { path: e.path, sha256: e.sha256 }));
        expect(new Set(parsed.entries.map((e) => JSON.stringify(e)))).toEqual(new Set(expected.map((e) => JSON.stringify(e))));
      }),
      { numRuns: 1000 },
    );
  });
});
