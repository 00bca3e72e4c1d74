import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { EMPTY_POLICY } from '../../core/policy.js';
import type { CheckSources } from '../../core/sources.js';
import { aigisLockExtractor } from '../../extractors/provenance/aigis-lock/index.js';
import { formatLock } from '../../lock/index.js';
import { scan } from '../../scan.js';
import { createFileDigests } from '../../sources/file-digests.js';
import { provenanceCheck } from './index.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'aigis-provenance-'));
  mkdirSync(join(root, 'models/net/sub'), { recursive: true });
  writeFileSync(join(root, 'models/net/config.json'), '{}\n');
  writeFileSync(join(root, 'models/net/sub/weights.bin'), 'weights');
  writeFileSync(join(root, 'data.csv'), 'a,b\n');
  const lock = formatLock({
    version: 1,
    artifact: [
      { source: `hf://acme/net@${'c'.repeat(40)}`, kind: 'model', repo: 'acme/net', commit: 'c'.repeat(40), dir: 'models/net', file: [{ path: 'config.json', sha256: sha('{}\n'), size: 3 }, { path: 'sub/weights.bin', sha256: sha('weights'), size: 7 }] },
      { source: 'https://example.com/data.csv', kind: 'url', dir: '.', file: [{ path: 'data.csv', sha256: sha('a,b\n'), size: 4 }] },
    ],
  });
  writeFileSync(join(root, 'aigis.lock'), lock);
  return root;
}

async function findings(root: string, sources: CheckSources = { fileDigests: createFileDigests(root) }) {
  const report = await scan({
    root, targets: ['.'], extractors: [aigisLockExtractor], checks: [provenanceCheck], limits: DEFAULT_LIMITS, includeVirtualenvs: false, exclude: [], suppressions: [],
    available: new Set(sources.fileDigests ? (['file-digests'] as const) : []), policy: EMPTY_POLICY, sources, now: () => new Date('2026-01-01'), toolVersion: 'test',
  });
  return { report, found: report.findings.map((f) => `${f.severity} ${f.ruleId} ${f.location?.path}`).sort() };
}

describe('provenance check', () => {
  it('finds nothing when every locked file matches', async () => {
    const { found, report } = await findings(project());
    expect(found).toEqual([]);
    expect(report.inventory.components.map((c) => [c.id, c.kind, c.purl])).toEqual([
      ['aigis-lock:.', 'file', undefined],
      ['aigis-lock:models/net', 'model', `pkg:huggingface/acme/net@${'c'.repeat(40)}`],
    ]);
  });

  it('reports modified (critical), missing (medium) and unexpected (medium) files', async () => {
    const root = project();
    writeFileSync(join(root, 'models/net/config.json'), '{"evil": 1}\n');
    rmSync(join(root, 'models/net/sub/weights.bin'));
    writeFileSync(join(root, 'models/net/sub/extra.pkl'), 'dropped in');
    writeFileSync(join(root, 'data.csv'), 'a,c\n');
    writeFileSync(join(root, 'unrelated.txt'), 'the lock folder itself is not checked for extras');
    const { found, report } = await findings(root);
    expect(found).toEqual([
      'critical locked-file-modified data.csv',
      'critical locked-file-modified models/net/config.json',
      'medium locked-file-missing models/net/sub/weights.bin',
      'medium locked-folder-unexpected-file models/net/sub/extra.pkl',
    ]);
    expect(report.findings.find((f) => f.ruleId === 'locked-file-modified' && f.location?.path === 'data.csv')?.evidence).toMatchObject({ expectedSha256: sha('a,b\n'), actualSha256: sha('a,c\n') });
  });

  it('treats a symlink leaving the root as missing', async () => {
    const root = project();
    const outside = mkdtempSync(join(tmpdir(), 'aigis-outside-'));
    writeFileSync(join(outside, 'config.json'), '{}\n');
    rmSync(join(root, 'models/net/config.json'));
    symlinkSync(join(outside, 'config.json'), join(root, 'models/net/config.json'));
    const { found } = await findings(root);
    expect(found).toContain('medium locked-file-missing models/net/config.json');
  });

  it('is reported as skipped (never silently passed) without the file-digests source', async () => {
    const { report } = await findings(project(), {});
    expect(report.checks.find((c) => c.checkId === 'provenance')).toMatchObject({ state: 'skipped', reason: 'needs file-digests' });
  });
});
