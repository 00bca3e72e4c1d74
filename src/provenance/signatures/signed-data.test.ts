import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AigisError } from '../../core/errors.js';
import { MAX_WHOLE_MESSAGE_BYTES, parseKeyFile, signedBytes, signedFile, verifyDetachedSignature, type SignedData } from './index.js';

const corpus = join(import.meta.dirname, '../../../test/fixtures/detached-sigs');
const read = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(corpus, name))) });
const dir = mkdtempSync(join(tmpdir(), 'aigis-signed-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of each piece as it comes: a file's pieces share one buffer. */
function copies(data: SignedData): Buffer[] {
  const out: Buffer[] = [];
  for (const chunk of data.chunks()) out.push(Buffer.from(chunk));
  return out;
}

describe('signed data read in pieces', () => {
  it('cuts bytes into pieces of the asked size, and each pass starts over', () => {
    const data = signedBytes('x', new TextEncoder().encode('abcdefghij'), 4);
    expect(copies(data).map(String)).toEqual(['abcd', 'efgh', 'ij']);
    expect(copies(data).map(String)).toEqual(['abcd', 'efgh', 'ij']);
    expect(copies(signedBytes('empty', new Uint8Array(0), 4))).toEqual([]);
    expect(() => signedBytes('x', new Uint8Array(1), 0)).toThrow(AigisError);
  });

  it('reads a file in pieces of the asked size with its size from disk', () => {
    const path = join(dir, 'ten.bin');
    writeFileSync(path, 'abcdefghij');
    const data = signedFile(path, 'ten.bin', 3);
    expect(data).toMatchObject({ name: 'ten.bin', size: 10 });
    expect(copies(data).map(String)).toEqual(['abc', 'def', 'ghi', 'j']);
    expect(Buffer.concat(copies(signedFile(path))).toString()).toBe('abcdefghij');
  });

  it('refuses a file that changed size between opening and reading, naming it', () => {
    const path = join(dir, 'grows.bin');
    writeFileSync(path, 'abc');
    const data = signedFile(path, 'grows.bin', 2);
    appendFileSync(path, 'def');
    expect(() => copies(data)).toThrow(/grows\.bin: the file changed size while it was read/);
    const shrinks = signedFile(path, 'shrinks.bin');
    writeFileSync(path, 'a');
    expect(() => copies(shrinks)).toThrow(/shrinks\.bin: the file changed size while it was read \(6 bytes, then 1\)/);
  });
});

describe('formats that sign the whole message with pure Ed25519', () => {
  /** A file too large to hold, which must be refused before a single piece is read. */
  const huge: SignedData = {
    name: 'model.safetensors',
    size: MAX_WHOLE_MESSAGE_BYTES + 1,
    chunks: () => {
      throw new Error('must not be read');
    },
  };
  const verify = (signature: string, key: string) => () => verifyDetachedSignature({ data: huge, signature: read(signature), keys: parseKeyFile(read(key)), now: new Date() });

  it.each([
    ['signify', 'data.txt.sig', 'signify-test.pub'],
    ['a raw Ed25519 signature', 'data.txt.openssl-ed25519.sig', 'openssl_ed25519_pub.pem'],
  ])('%s: refuses a file over the limit with a usage error that says why and what has no limit', (format, signature, key) => {
    expect(verify(signature, key)).toThrow(AigisError);
    expect(verify(signature, key)).toThrow(`model.safetensors: is ${MAX_WHOLE_MESSAGE_BYTES + 1} bytes; ${format} signs the whole message with pure Ed25519`);
    expect(verify(signature, key)).toThrow(/minisign's default prehashed mode.* have no such limit/);
  });
});
