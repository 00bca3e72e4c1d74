import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { onnxExtractor } from '../../extractors/model/onnx/index.js';
import { scan } from '../../scan.js';
import { findOnnxRisks, modelOnnxCheck } from './index.js';
import { OFFLINE_SCAN } from '../../../test/support/offline-scan.js';

async function scanFolder(root: string) {
  const report = await scan({
    root,
    targets: ['.'],
    extractors: [onnxExtractor],
    checks: [modelOnnxCheck],
    ...OFFLINE_SCAN,
  });
  return report.findings.map((f) => ({ path: f.location?.path, rule: f.ruleId, severity: f.severity, member: f.location?.member }));
}

const FIXTURES = fileURLToPath(new URL('../../extractors/model/onnx/__fixtures__/', import.meta.url));
const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

describe('model-onnx check', async () => {
  const findings = await scanFolder(FIXTURES);
  const on = (path: string) => findings.filter((f) => f.path === path).map((f) => [f.rule, f.severity, f.member]);

  it('leaves benign models clean, with inline or external weights', () => {
    expect(on('benign.onnx')).toEqual([]);
    expect(on('external/model.onnx')).toEqual([]);
  });

  it('reports locations that leave the model folder as critical, also inside subgraphs', () => {
    expect(on('traversal/model.onnx')).toEqual([['external-data-outside-folder', 'critical', 'W']]);
    expect(on('absolute/model.onnx')).toEqual([['external-data-outside-folder', 'critical', 'W']]);
    expect(on('subgraph/model.onnx')).toEqual([['external-data-outside-folder', 'critical', 'W_then']]);
  });

  it('reports missing files, out-of-range data and size mismatches as medium', () => {
    expect(on('missing/model.onnx')).toEqual([['external-data-missing', 'medium', 'W']]);
    expect(on('out_of_range/model.onnx')).toEqual([['external-data-out-of-range', 'medium', 'W']]);
    expect(on('size_mismatch.onnx')).toEqual([['tensor-size-mismatch', 'medium', 'W']]);
  });

  it('lists custom domains as medium and ONNX Runtime contrib ops as info', () => {
    expect(on('custom_domain.onnx').sort()).toEqual([
      ['contrib-operator-domain', 'info', 'main:gelu'],
      ['custom-operator-domain', 'medium', 'main:runner'],
    ]);
  });

  it('reports a symbolic link out of the tree as critical', async () => {
    const root = mkdtempSync(join(tmpdir(), 'aigis-onnx-'));
    const outside = mkdtempSync(join(tmpdir(), 'aigis-outside-'));
    temp.push(root, outside);
    writeFileSync(join(outside, 'secret'), new Uint8Array(64));
    mkdirSync(join(root, 'm'));
    copyFileSync(join(FIXTURES, 'external/model.onnx'), join(root, 'm/model.onnx'));
    symlinkSync(join(outside, 'secret'), join(root, 'm/weights.bin'));
    expect((await scanFolder(root)).map((f) => [f.path, f.rule, f.severity])).toEqual([['m/model.onnx', 'external-data-outside-folder', 'critical']]);
  });

  it('returns nothing for an empty inventory', () => {
    expect(findOnnxRisks({ components: [], relationships: [], statuses: [], walkDiagnostics: [], filesWalked: 0 })).toEqual([]);
  });
});
