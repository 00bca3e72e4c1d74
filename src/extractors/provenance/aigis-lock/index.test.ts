import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import type { FileInput, SiblingResolver } from '../../../core/extractor.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import { aigisLockExtractor } from './index.js';

const noSiblings: SiblingResolver = { exists: () => false, list: () => [], open: () => undefined };

function input(text: string, path = 'aigis.lock', siblings = noSiblings): FileInput {
  const bytes = Buffer.from(text);
  return { path, size: bytes.length, head: bytes.subarray(0, 65536), source: bufferSource(bytes), siblings };
}

const LOCK = `version = 1
[[artifact]]
source = "hf://acme/net@${'c'.repeat(40)}"
kind = "model"
repo = "acme/net"
commit = "${'c'.repeat(40)}"
dir = "net"
[[artifact.file]]
path = "a.bin"
sha256 = "${'0'.repeat(64)}"
size = 1
`;

describe('provenance/aigis-lock', () => {
  it('records artifacts with root-relative paths and the files present in their folder', () => {
    const files = new Set(['proj/net/a.bin', 'proj/net/x/b.pkl']);
    const siblings: SiblingResolver = {
      exists: (p) => files.has(p),
      list: (p) => ({ 'proj/net': ['a.bin', 'x'], 'proj/net/x': ['b.pkl'] })[p] ?? [],
      open: () => undefined,
    };
    const result = aigisLockExtractor.extract(input(LOCK, 'proj/aigis.lock', siblings), { limits: DEFAULT_LIMITS });
    expect(result.diagnostics).toEqual([]);
    expect(result.components[0]?.metadata).toMatchObject({ type: 'aigis-lock', lockFile: 'proj/aigis.lock', dir: 'proj/net', files: [{ path: 'proj/net/a.bin' }], present: ['proj/net/a.bin', 'proj/net/x/b.pkl'] });
  });

  it.each([
    ['not toml', 'version = = 1'],
    ['wrong version', 'version = 2'],
    ['escaping dir', LOCK.replace('dir = "net"', 'dir = "../net"')],
    ['escaping file', LOCK.replace('path = "a.bin"', 'path = "../../etc/passwd"')],
    ['short commit', LOCK.replaceAll('c'.repeat(40), 'abc')],
  ])('turns an invalid lock (%s) into a diagnostic', (_, text) => {
    const result = aigisLockExtractor.extract(input(text), { limits: DEFAULT_LIMITS });
    expect(result.components).toEqual([]);
    expect(result.diagnostics[0]?.code).toBe('AIGIS_LOCK_INVALID');
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...LOCK.split('\n')).chain((line) => fc.string().map((s) => LOCK.replace(line, s)))), (text) => {
        const result = aigisLockExtractor.extract(input(text), { limits: DEFAULT_LIMITS });
        expect(result.components.length + result.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
