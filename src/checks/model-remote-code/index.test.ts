import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import { severityRank } from '../../core/severity.js';
import { hubExtractor } from '../../extractors/model/hub/index.js';
import { scan } from '../../scan.js';
import { findModelRemoteCode, modelRemoteCodeCheck } from './index.js';
import { OFFLINE_SCAN } from '../../../test/support/offline-scan.js';

const fixtures = fileURLToPath(new URL('../../extractors/model/hub/__fixtures__/', import.meta.url));
const modelaudit = fileURLToPath(new URL('../../../test/fixtures/peer-models/modelaudit/assets/', import.meta.url));

async function scanned(root: string): Promise<{ findings: Finding[]; inventory: Inventory }> {
  const report = await scan({
    root,
    targets: ['.'],
    extractors: [hubExtractor],
    checks: [modelRemoteCodeCheck],
    ...OFFLINE_SCAN,
  });
  return { findings: report.findings, inventory: report.inventory };
}

function worst(findings: Finding[], path: string): string | undefined {
  return findings.filter((f) => f.location?.path === path).sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0]?.severity;
}

describe('model-remote-code check', () => {
  it('finds nothing in an empty inventory', () => {
    expect(findModelRemoteCode({ components: [], relationships: [], statuses: [], walkDiagnostics: [], filesWalked: 0 })).toEqual([]);
  });

  it('lists the code a remote-code model folder would import', async () => {
    const { findings } = await scanned(fixtures);
    const config = findings.filter((f) => f.location?.path === 'remote-code-model/config.json');
    expect(config.map((f) => [f.ruleId, f.severity, f.evidence['module']]).sort()).toEqual([
      ['model-folder-python-file', 'low', undefined],
      ['remote-code-module', 'high', 'configuration_x'],
      ['remote-code-module', 'high', 'modeling_x'],
      ['remote-code-other-repository', 'high', 'modeling_y'],
    ]);
    expect(config.find((f) => f.evidence['module'] === 'modeling_x')!.message).toMatch(/remote-code-model\/modeling_x\.py.*XModel/);
    expect(config.find((f) => f.ruleId === 'remote-code-other-repository')!.evidence['repository']).toBe('other-org/x-code');
    expect(config.find((f) => f.ruleId === 'model-folder-python-file')!.evidence['file']).toBe('remote-code-model/convert_weights.py');
    const tokenizer = findings.filter((f) => f.location?.path === 'remote-code-model/tokenizer_config.json');
    expect(tokenizer.map((f) => [f.ruleId, f.severity])).toEqual([['remote-code-missing-module', 'medium']]);
  });

  it('reports commands and credentials in a model manifest, and leaves plain and project configs alone', async () => {
    const { findings, inventory } = await scanned(fixtures);
    const manifest = findings.filter((f) => f.location?.path === 'manifest-model/model_manifest.json');
    expect(manifest.map((f) => [f.ruleId, f.severity, f.evidence['pattern']]).sort()).toEqual([
      ['config-secret', 'high', 'openai-key'],
      ['config-shell-command', 'high', 'pipe-to-shell'],
    ]);
    expect(JSON.stringify(manifest)).not.toContain('a1B2c3D4e5F6g7H8i9J0');
    for (const path of ['plain-model/config.json', 'plain-model/generation_config.json', 'manifest-model/weights/config.json']) expect(worst(findings, path), path).toBeUndefined();
    const claimed = inventory.components.map((c) => c.locations[0]!.path);
    expect(claimed).not.toContain('project/tsconfig.json');
    expect(claimed).not.toContain('project/app_config.json');
    expect(claimed).toContain('plain-model/config.json');
    expect(inventory.components.every((c) => c.id.startsWith('hub-config:'))).toBe(true);
  });

  it('matches the ModelAudit manifests and scenarios: suspicious_config high, the rest clean', async () => {
    const { findings } = await scanned(modelaudit);
    expect(worst(findings, 'samples/manifests/suspicious_config.json')).toBe('high');
    expect(worst(findings, 'samples/manifests/safe_config.json')).toBeUndefined();
    for (const finding of findings) {
      const path = finding.location!.path;
      if (path.startsWith('scenarios/')) expect(severityRank(finding.severity), path).toBeLessThanOrEqual(severityRank('low'));
    }
  });
});
