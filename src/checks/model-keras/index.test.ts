import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/finding.js';
import { severityRank } from '../../core/severity.js';
import { kerasExtractor } from '../../extractors/model/keras/index.js';
import { scan } from '../../scan.js';
import { modelCodeExecutionCheck } from '../model-code-execution/index.js';
import { modelKerasCheck, RULE_IDS } from './index.js';
import { OFFLINE_SCAN } from '../../../test/support/offline-scan.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'extractors', 'model', 'keras', '__fixtures__');
const PEER = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'peer-models', 'modelaudit', 'assets', 'samples', 'keras');

async function findingsIn(root: string): Promise<Map<string, Finding[]>> {
  const report = await scan({
    root,
    targets: ['.'],
    extractors: [kerasExtractor],
    checks: [modelKerasCheck, modelCodeExecutionCheck],
    ...OFFLINE_SCAN,
  });
  const byPath = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const path = finding.location?.path ?? '';
    byPath.set(path, [...(byPath.get(path) ?? []), finding]);
  }
  return byPath;
}

const worst = (findings: Finding[] | undefined) => Math.max(-1, ...(findings ?? []).map((f) => severityRank(f.severity)));
const rules = (findings: Finding[] | undefined) => (findings ?? []).map((f) => `${f.checkId}/${f.ruleId}/${f.severity}`).sort();

describe('model-keras on the fixtures', async () => {
  const byPath = await findingsIn(FIXTURES);

  it('reports nothing on benign models, weights-only files and the libver=latest layout', () => {
    for (const name of ['benign_sequential.h5', 'benign_vlen.h5', 'latest.h5', 'track_order.h5', 'user_block.h5', 'weights_only.h5', 'benign.keras', 'dense_attributes.h5']) {
      expect(byPath.get(name), name).toBeUndefined();
    }
  });

  it('says at info level that a plain HDF5 file holds no model config', () => {
    expect(rules(byPath.get('plain_data.h5'))).toEqual(['model-keras/no-model-config/info']);
  });

  it('reports a Lambda as critical and says what its bytecode uses', () => {
    const [lambda] = byPath.get('lambda.h5')!;
    expect(lambda).toMatchObject({ checkId: 'model-keras', ruleId: RULE_IDS.lambdaLayer, severity: 'critical', location: { path: 'lambda.h5' } });
    expect(lambda!.message).toContain('"__import__", "system"');
    expect(lambda!.message).toContain('"echo pwned"');
    expect(lambda!.evidence).toMatchObject({ via: 'Lambda', encoding: 'marshal', layer: 'lambda' });
    expect(rules(byPath.get('nested_lambda.h5'))).toEqual(['model-keras/lambda-layer/critical']);
    expect(byPath.get('nested_lambda.h5')![0]!.message).toContain('hidden inside Sequential > Functional > TimeDistributed');
  });

  it('judges module references: os is critical, a custom registered object medium', () => {
    expect(rules(byPath.get('module_os.h5'))).toEqual(['model-keras/dangerous-module/critical']);
    expect(rules(byPath.get('custom_registered.h5'))).toEqual(['model-keras/custom-object/medium']);
  });

  it('explains safe_mode bypass patterns: the unsafe switch, TFOpLambda outside tensor ops, function_type lambda', () => {
    const findings = byPath.get('bypass.h5')!;
    expect(rules(findings)).toEqual([
      'model-keras/dangerous-module/critical',
      'model-keras/lambda-layer/critical',
      'model-keras/lambda-layer/critical',
      'model-keras/tf-op-lambda/high',
      'model-keras/unknown-class/low',
      'model-keras/unsafe-deserialization/critical',
    ]);
    expect(findings.find((f) => f.ruleId === RULE_IDS.tfOpOutsideTf)!.message).toContain('tf.io.write_file goes through io');
    const lambdas = findings.filter((f) => f.ruleId === RULE_IDS.lambdaLayer).map((f) => f.message);
    expect(lambdas).toEqual([expect.stringContaining('with function_type "lambda"'), expect.stringContaining('__lambda__ object at config.layers[4].config.activation')]);
  });

  it('reports unreadable configs and HDF5 structures through model-code-execution as high', () => {
    expect(rules(byPath.get('bad_config.h5'))).toEqual(['model-code-execution/container-unscannable/high']);
    expect(rules(byPath.get('dense_lambda.h5'))).toEqual(['model-keras/lambda-layer/critical']);
    expect(rules(byPath.get('truncated.h5'))).toEqual(['model-code-execution/container-unscannable/high']);
  });

  it('reports both the Lambda and the member pickle of a malicious .keras', () => {
    expect(rules(byPath.get('malicious.keras'))).toEqual(['model-code-execution/dangerous-import/critical', 'model-keras/lambda-layer/critical']);
    const lambda = byPath.get('malicious.keras')!.find((f) => f.checkId === 'model-keras')!;
    expect(lambda.location).toEqual({ path: 'malicious.keras', member: 'config.json' });
  });

  it('gives every finding a stable fingerprint', async () => {
    const again = await findingsIn(FIXTURES);
    expect([...again.values()].flat().map((f) => f.fingerprint)).toEqual([...byPath.values()].flat().map((f) => f.fingerprint));
  });
});

describe('model-keras on the peer corpus', async () => {
  const byPath = await findingsIn(PEER);

  it('flags malicious_lambda.h5 (a Lambda whose function is eval source text) and leaves safe_model.h5 clean', () => {
    expect(worst(byPath.get('malicious_lambda.h5'))).toBe(severityRank('critical'));
    expect(byPath.get('malicious_lambda.h5')![0]!.message).toContain('eval(');
    expect(byPath.get('safe_model.h5')).toBeUndefined();
  });
});
