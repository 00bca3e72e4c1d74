import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AigisError } from '../core/errors.js';
import { formatLock, parseLock, readLock, withArtifact, writeLock, type AigisLock } from './index.js';

const artifact = { source: `hf://acme/net@${'a'.repeat(40)}`, kind: 'model' as const, repo: 'acme/net', commit: 'a'.repeat(40), dir: 'models/net', file: [{ path: 'b.bin', sha256: '1'.repeat(64), size: 2 }, { path: 'a.json', sha256: '2'.repeat(64), size: 1 }] };

describe('aigis.lock', () => {
  it('round-trips through TOML, sorted and deterministic', () => {
    const lock: AigisLock = { version: 1, artifact: [artifact, { source: 'https://x.org/f.bin', kind: 'url', dir: 'data', file: [{ path: 'f.bin', sha256: '3'.repeat(64), size: 9 }] }] };
    const text = formatLock(lock);
    const back = parseLock(text, 'aigis.lock');
    expect(back.artifact.map((a) => a.dir)).toEqual(['data', 'models/net']);
    expect(back.artifact[1]!.file.map((f) => f.path)).toEqual(['a.json', 'b.bin']);
    expect(formatLock(back)).toBe(text);
  });

  it('replaces the artifact of the same folder and writes atomically', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aigis-lock-'));
    const path = join(dir, 'aigis.lock');
    expect(readLock(path)).toEqual({ version: 1, artifact: [] });
    writeLock(path, withArtifact(readLock(path), artifact));
    writeLock(path, withArtifact(readLock(path), { ...artifact, commit: 'b'.repeat(40) }));
    expect(readLock(path).artifact.map((a) => a.commit)).toEqual(['b'.repeat(40)]);
    expect(readFileSync(path, 'utf8')).toContain('[[artifact.file]]');
  });

  it('refuses duplicates, hub artifacts without a commit, and unknown keys', () => {
    const good = formatLock({ version: 1, artifact: [artifact] });
    const bad = [
      good.replace('path = "b.bin"', 'path = "a.json"'),
      good.replace(/commit = .*\n/, ''),
      good.replace('kind = "model"', 'kind = "model"\nextra = 1'),
      good.replace('size = 2', 'size = -2'),
      good.replace('dir = "models/net"', 'dir = "/etc"'),
    ];
    expect(() => parseLock(good, 'x')).not.toThrow();
    for (const text of bad) expect(() => parseLock(text, 'x'), text).toThrow(AigisError);
  });

  it('throws only AigisError CONFIG_INVALID on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        try {
          parseLock(text, 'x');
        } catch (error) {
          expect(error).toBeInstanceOf(AigisError);
          expect((error as AigisError).code).toBe('CONFIG_INVALID');
        }
      }),
    );
  });
});
