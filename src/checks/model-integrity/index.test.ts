import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/finding.js';
import { severityRank } from '../../core/severity.js';
import { safetensorsExtractor } from '../../extractors/model/safetensors/index.js';
import { scan } from '../../scan.js';
import { findModelIntegrity, modelIntegrityCheck } from './index.js';
import { OFFLINE_SCAN } from '../../../test/support/offline-scan.js';

const fixtures = fileURLToPath(new URL('../../extractors/model/safetensors/__fixtures__/', import.meta.url));
const peer = fileURLToPath(new URL('../../../test/fixtures/peer-models/modelaudit/assets/samples/safetensors/', import.meta.url));

async function findingsIn(root: string): Promise<Finding[]> {
  const report = await scan({
    root,
    targets: ['.'],
    extractors: [safetensorsExtractor],
    checks: [modelIntegrityCheck],
    ...OFFLINE_SCAN,
  });
  return report.findings;
}

function worst(findings: Finding[], path: string): string | undefined {
  const mine = findings.filter((f) => f.location?.path === path).sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return mine[0]?.severity;
}

describe('model-integrity check', () => {
  it('finds nothing in an empty inventory', () => {
    expect(findModelIntegrity({ components: [], relationships: [], statuses: [], walkDiagnostics: [], filesWalked: 0 })).toEqual([]);
  });

  it('judges each fixture by what loading it would do', async () => {
    const findings = await findingsIn(fixtures);
    expect(worst(findings, 'valid.safetensors')).toBeUndefined();
    expect(worst(findings, 'pickle-renamed.safetensors')).toBe('critical');
    expect(worst(findings, 'torch-zip-renamed.safetensors')).toBe('critical');
    for (const name of ['overlapping', 'gap', 'bad-dtype', 'oversized-header', 'duplicate-keys', 'non-string-metadata']) {
      expect(worst(findings, `${name}.safetensors`), name).toBe('high');
    }
    expect(worst(findings, 'inert-metadata.safetensors')).toBe('low');
    const index = findings.filter((f) => f.location?.path === 'sharded/model.safetensors.index.json');
    expect(index.map((f) => [f.ruleId, f.severity]).sort()).toEqual([
      ['shard-index-escape', 'critical'],
      ['shard-index-missing-shard', 'medium'],
      ['shard-index-missing-tensor', 'medium'],
    ]);
    for (const finding of findings) {
      expect(finding.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(finding.message).toContain(finding.location!.path);
    }
  });

  it('keeps fingerprints stable across runs', async () => {
    const first = (await findingsIn(fixtures)).map((f) => f.fingerprint);
    expect((await findingsIn(fixtures)).map((f) => f.fingerprint)).toEqual(first);
  });

  it('rates ModelAudit metadata samples inert (low) and safe_model clean', async () => {
    const findings = await findingsIn(peer);
    expect(worst(findings, 'safe_model.safetensors')).toBeUndefined();
    for (const name of ['malicious_import', 'multiple_patterns', 'obfuscated_metadata', 'script_injection', 'shell_commands', 'suspicious_url']) {
      const path = `${name}.safetensors`;
      expect(worst(findings, path), path).toBe('low');
      const finding = findings.find((f) => f.location?.path === path)!;
      expect(finding.ruleId).toBe('safetensors-metadata-code');
      expect(finding.evidence['evaluatedOnLoad']).toBe(false);
    }
  });

  it('explains in the rule help why metadata strings are inert', () => {
    const help = modelIntegrityCheck.rules.find((r) => r.id === 'safetensors-metadata-code')!.help;
    expect(help).toMatch(/never evaluates metadata/);
  });
});
