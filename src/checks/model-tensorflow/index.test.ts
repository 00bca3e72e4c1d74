import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tensorflowExtractor } from '../../extractors/model/tensorflow/index.js';
import { scan } from '../../scan.js';
import { findTensorflowRisks, judgeOp, modelTensorflowCheck } from './index.js';
import { OFFLINE_SCAN } from '../../../test/support/offline-scan.js';

async function scanFolder(root: string) {
  const report = await scan({
    root,
    targets: ['.'],
    extractors: [tensorflowExtractor],
    checks: [modelTensorflowCheck],
    ...OFFLINE_SCAN,
  });
  return report.findings.map((f) => ({ path: f.location?.path, rule: f.ruleId, severity: f.severity, member: f.location?.member, op: f.evidence['op'] }));
}

const FIXTURES = fileURLToPath(new URL('../../extractors/model/tensorflow/__fixtures__/', import.meta.url));
const PEER = fileURLToPath(new URL('../../../test/fixtures/peer-models/modelaudit/assets/samples/tensorflow/', import.meta.url));

describe('model-tensorflow check', async () => {
  const findings = await scanFolder(FIXTURES);
  const on = (path: string) => findings.filter((f) => f.path === path);

  it('leaves benign graphs clean, including the saver scope and traced save functions', () => {
    expect(on('benign/saved_model.pb')).toEqual([]);
    expect(on('frozen_graph.pb')).toEqual([]);
    expect(on('keras_dense/keras_metadata.pb')).toEqual([]);
  });

  it('reports PyFunc as critical, also hidden in a library function', () => {
    expect(on('pyfunc/saved_model.pb')).toEqual([{ path: 'pyfunc/saved_model.pb', rule: 'python-op', severity: 'critical', member: 'bad', op: 'PyFunc' }]);
    expect(on('hidden_pyfunc/saved_model.pb')).toEqual([
      { path: 'hidden_pyfunc/saved_model.pb', rule: 'python-op', severity: 'critical', member: '__inference_call_7/inner/EagerPyFunc', op: 'EagerPyFunc' },
    ]);
  });

  it('reports file ops, PrintV2 to a file and SaveV2 outside the saver as high', () => {
    expect(on('file_ops.pb').map((f) => [f.op, f.rule, f.severity, f.member]).sort()).toEqual([
      ['PrintV2', 'file-op', 'high', 'print'],
      ['ReadFile', 'file-op', 'high', 'read'],
      ['SaveV2', 'checkpoint-op-outside-saver', 'high', 'steal/SaveV2'],
      ['WriteFile', 'file-op', 'high', 'write'],
    ]);
  });

  it('reports custom ops: execution-like names high, others medium', () => {
    expect(on('custom_ops.pb').map((f) => [f.op, f.rule, f.severity]).sort()).toEqual([
      ['MyCustomKernel', 'unknown-op', 'medium'],
      ['ShellExecute', 'execution-like-op', 'high'],
    ]);
  });

  it('reports a Keras Lambda layer in keras_metadata.pb as critical', () => {
    expect(on('keras_lambda/keras_metadata.pb').map((f) => [f.rule, f.severity, f.member])).toContainEqual(['keras-lambda', 'critical', 'lambda']);
  });

  it('classifies the peer SavedModels as ModelAudit expects', async () => {
    const peer = await scanFolder(PEER);
    expect(peer.filter((f) => f.path === 'malicious_pyfunc/saved_model.pb').map((f) => f.severity)).toEqual(['critical']);
    expect(peer.filter((f) => f.path === 'safe_savedmodel/saved_model.pb')).toEqual([]);
  });

  it('judges ops allowlist-first', () => {
    expect(judgeOp({ op: 'Conv2D', count: 1, nodes: [] }, [])).toBeUndefined();
    expect(judgeOp({ op: 'ParallelMapDatasetV2', count: 1, nodes: [] }, [])).toBeUndefined();
    expect(judgeOp({ op: 'TFRecordDataset', count: 1, nodes: [] }, [])?.ruleId).toBe('file-op');
    expect(judgeOp({ op: 'ExperimentalSqlDataset', count: 1, nodes: [] }, [])?.ruleId).toBe('network-op');
    expect(judgeOp({ op: 'RestoreV2', count: 1, nodes: [{ name: 'save_1/RestoreV2' }] }, [])).toBeUndefined();
    expect(judgeOp({ op: 'RestoreV2', count: 1, nodes: [{ name: 'ckpt/RestoreV2' }] }, ['ckpt/'])).toBeUndefined();
    expect(judgeOp({ op: 'InitializeTableFromTextFileV2', count: 1, nodes: [] }, [])?.ruleId).toBe('asset-read');
  });

  it('returns nothing for an empty inventory', () => {
    expect(findTensorflowRisks({ components: [], relationships: [], statuses: [], walkDiagnostics: [], filesWalked: 0 })).toEqual([]);
  });
});
