import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/registry.js';
import { severityRank } from '../../src/core/severity.js';
import { EXTRACTORS } from '../../src/extractors/registry.js';
import { scan } from '../../src/scan.js';
import { OFFLINE_SCAN } from '../support/offline-scan.js';

/**
 * The peer scanners' own test files (copied with provenance in test/fixtures/peer-models): every file must
 * get the verdict MANIFEST.json expects, scored the way ../shared/tools/score-peer-corpus.py scores it.
 */
const root = fileURLToPath(new URL('../fixtures/peer-models/', import.meta.url));
interface ManifestEntry {
  path: string;
  expected: 'malicious' | 'benign' | 'inert' | 'unscannable' | 'error';
}
const manifest = JSON.parse(readFileSync(`${root}MANIFEST.json`, 'utf8')) as { files: ManifestEntry[] };

/**
 * Where aigis and the MANIFEST disagree on purpose. picklescan's new_pytorch_model.bin is a plain state dict
 * (torch._utils._rebuild_tensor_v2, torch.FloatStorage, collections.OrderedDict, nothing else) and picklescan's
 * own test expects it clean: reporting it would be a false positive.
 */
const MANIFEST_DISAGREEMENTS = new Set(['picklescan/data/new_pytorch_model.bin']);

async function shortfalls() {
  const report = await scan({
    root,
    targets: ['.'],
    extractors: EXTRACTORS.filter((e) => e.tags.includes('model')),
    checks: CHECKS.filter((c) => c.tags.includes('model')),
    ...OFFLINE_SCAN,
  });
  const worst = new Map<string, number>();
  for (const finding of report.findings) {
    const path = (finding.location?.path ?? '').split('!')[0]!;
    worst.set(path, Math.max(worst.get(path) ?? -1, severityRank(finding.severity)));
  }
  const result = new Map<string, string>();
  for (const entry of manifest.files) {
    const w = worst.get(entry.path) ?? -1;
    if (entry.expected === 'malicious' && w < severityRank('high')) result.set(entry.path, `missed (worst ${w})`);
    if (entry.expected === 'benign' && w > severityRank('low')) result.set(entry.path, `false positive (worst ${w})`);
    if (entry.expected === 'inert' && w > severityRank('medium')) result.set(entry.path, `overstated (worst ${w})`);
  }
  return { result, report };
}

describe('peer model corpus', async () => {
  const { result, report } = await shortfalls();

  it('has every file of the MANIFEST', () => {
    expect(manifest.files.length).toBe(213);
  });

  it('classifies every file as the MANIFEST expects', () => {
    const unexpected = [...result.entries()].filter(
      ([path]) => !MANIFEST_DISAGREEMENTS.has(path),
    );
    expect(unexpected).toEqual([]);
  });

  it('disagrees with the MANIFEST only where the MANIFEST is wrong', () => {
    expect([...result.keys()].sort()).toEqual([...MANIFEST_DISAGREEMENTS].sort());
  });

  it('reports the password-protected archives as not scanned, never as clean', () => {
    for (const entry of manifest.files.filter((f) => f.expected === 'unscannable')) {
      const findings = report.findings.filter((f) => f.location?.path === entry.path);
      expect(findings.map((f) => f.ruleId), entry.path).toContain('container-unscannable');
    }
  });

  it('gives the corrupt file a diagnostic naming it', () => {
    for (const entry of manifest.files.filter((f) => f.expected === 'error')) {
      const diagnostics = report.inventory.statuses.flatMap((s) => s.diagnostics).filter((d) => d.path === entry.path);
      const findings = report.findings.filter((f) => f.location?.path === entry.path);
      expect(diagnostics.length + findings.length, entry.path).toBeGreaterThan(0);
    }
  });
});
