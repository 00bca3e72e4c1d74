import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Check } from './core/check.js';
import type { Extractor } from './core/extractor.js';
import { fingerprintOf } from './core/finding.js';
import { EMPTY_POLICY } from './core/policy.js';
import { DEFAULT_LIMITS } from './core/limits.js';
import { scan, type ScanOptions } from './scan.js';

const MAGIC = Buffer.from('MAGIC!');

/** Claims files whose bytes start with MAGIC, whatever their name; names `*.magic` without it are unrecognised. */
const magicExtractor: Extractor = {
  id: 'test/magic',
  version: '1',
  kind: 'file',
  tags: ['model'],
  patterns: ['*.magic'],
  sniff: ({ head }) => Buffer.from(head.subarray(0, MAGIC.length)).equals(MAGIC),
  extract(file) {
    const text = Buffer.from(file.source.read(MAGIC.length, 100)).toString('utf8');
    if (text.startsWith('crash')) throw new Error('boom');
    return {
      components: [{ id: `file:${file.path}`, kind: 'file', name: text, locations: [{ path: file.path }], hashes: [], foundBy: 'test/magic', metadata: { type: 'none' } }],
      diagnostics: text.startsWith('bad') ? [{ level: 'error', code: 'TEST_BAD', message: 'bad content', path: file.path }] : [],
    };
  },
};

const nameExtractor: Extractor = {
  id: 'test/by-name',
  version: '1',
  kind: 'file',
  tags: ['python'],
  patterns: ['requirements*.txt'],
  extract: (file) => ({ components: [{ id: `req:${file.path}`, kind: 'file', name: file.path, locations: [{ path: file.path }], hashes: [], foundBy: 'test/by-name', metadata: { type: 'none' } }], diagnostics: [] }),
};

const evilCheck: Check = {
  id: 'test-check',
  title: 'flags components named evil',
  tags: ['model'],
  rules: [{ id: 'evil', title: 'Evil', severity: 'high', help: 'h' }],
  requires: [],
  run: (inventory) =>
    inventory.components
      .filter((c) => c.name.startsWith('evil'))
      .map((c) => ({ checkId: 'test-check', ruleId: 'evil', severity: 'high', message: 'evil', componentId: c.id, location: c.locations[0], evidence: {}, fingerprint: fingerprintOf(['evil', c.id]) })),
};

const needsNetwork: Check = { id: 'net-check', title: 'needs network', tags: [], rules: [], requires: ['index'], run: () => [] };
const crashingCheck: Check = { id: 'crash-check', title: 'crashes', tags: [], rules: [], requires: [], run: () => { throw new Error('check bug'); } };

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'aigis-scan-'));
  mkdirSync(join(root, 'models'));
  writeFileSync(join(root, 'models/renamed.txt'), Buffer.concat([MAGIC, Buffer.from('evil payload')]));
  writeFileSync(join(root, 'models/good.magic'), Buffer.concat([MAGIC, Buffer.from('good')]));
  writeFileSync(join(root, 'models/fake.magic'), 'not magic at all');
  writeFileSync(join(root, 'models/broken.bin'), Buffer.concat([MAGIC, Buffer.from('bad bytes')]));
  writeFileSync(join(root, 'models/crash.bin'), Buffer.concat([MAGIC, Buffer.from('crash')]));
  writeFileSync(join(root, 'requirements.txt'), 'torch==2.0\n');
  return root;
}

function options(root: string, overrides: Partial<ScanOptions> = {}): ScanOptions {
  return {
    root,
    targets: ['.'],
    extractors: [magicExtractor, nameExtractor],
    checks: [evilCheck, needsNetwork, crashingCheck],
    limits: DEFAULT_LIMITS,
    includeVirtualenvs: false,
    exclude: [],
    suppressions: [],
    available: new Set(),
    policy: EMPTY_POLICY,
    sources: {},
    now: () => new Date('2026-06-01T00:00:00Z'),
    toolVersion: '0.0.0-test',
    ...overrides,
  };
}

describe('scan', () => {
  it('decides formats by bytes, not names, and reports names whose content does not match', async () => {
    const report = await scan(options(project()));
    const byExtractor = (id: string) => report.inventory.components.filter((c) => c.foundBy === id).map((c) => c.locations[0]!.path);
    expect(byExtractor('test/magic')).toEqual(['models/broken.bin', 'models/good.magic', 'models/renamed.txt']);
    expect(byExtractor('test/by-name')).toEqual(['requirements.txt']);
    const status = report.inventory.statuses.find((s) => s.extractorId === 'test/magic')!;
    expect(status.diagnostics).toContainEqual(expect.objectContaining({ code: 'FORMAT_NOT_RECOGNISED', path: 'models/fake.magic' }));
  });

  it('turns an extractor crash into a diagnostic on that file and goes on', async () => {
    const report = await scan(options(project()));
    const status = report.inventory.statuses.find((s) => s.extractorId === 'test/magic')!;
    expect(status.state).toBe('partial');
    expect(status.diagnostics).toContainEqual(expect.objectContaining({ code: 'EXTRACTOR_FAILED', path: 'models/crash.bin' }));
    expect(status.diagnostics).toContainEqual(expect.objectContaining({ code: 'TEST_BAD', path: 'models/broken.bin' }));
  });

  it('runs checks, skips those whose requirement is unmet, and records failed ones', async () => {
    const report = await scan(options(project()));
    expect(report.findings.map((f) => f.location?.path)).toEqual(['models/renamed.txt']);
    expect(report.checks).toEqual([
      { checkId: 'test-check', state: 'ran', findings: 1 },
      { checkId: 'net-check', state: 'skipped', reason: 'needs index', findings: 0 },
      { checkId: 'crash-check', state: 'failed', reason: 'check bug', findings: 0 },
    ]);
    expect(report.rules.map((r) => `${r.checkId}/${r.id}`)).toEqual(['test-check/evil']);
  });

  it('applies suppressions but keeps what they hide', async () => {
    const report = await scan(options(project(), { suppressions: [{ path: 'models/renamed.txt', reason: 'known test file' }] }));
    expect(report.findings).toEqual([]);
    expect(report.suppressed).toHaveLength(1);
    expect(report.suppressed[0]!.suppression.reason).toBe('known test file');
  });

  it('produces the same fingerprints on every run', async () => {
    const root = project();
    expect((await scan(options(root))).findings.map((f) => f.fingerprint)).toEqual((await scan(options(root))).findings.map((f) => f.fingerprint));
  });
});
