import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelFileMetadata } from '../../../core/model-metadata.js';
import { ctx, fileOf, fixtureBytes, probeOf, PYTORCH_FIXTURES } from './__fixtures__/load.js';
import { pytorchExtractor } from './index.js';

const PEER = join(PYTORCH_FIXTURES, 'peer');

function scan(name: string): ModelFileMetadata | undefined {
  const bytes = fixtureBytes(join(PEER, name));
  if (!pytorchExtractor.sniff!(probeOf(bytes))) return undefined;
  return pytorchExtractor.extract(fileOf(bytes, name), ctx).components[0]!.metadata as ModelFileMetadata;
}
const calls = (meta: ModelFileMetadata | undefined) =>
  (meta?.pickles ?? []).flatMap((p) => p.streams.flatMap((s) => s.imports.filter((i) => i.called).map((i) => `${i.module}.${i.name}`)));

/** What each peer file must yield: the dangerous call found, or the anomaly that says it was not scanned. */
const EXPECTED: Record<string, { call?: string; anomaly?: string; claimed?: false; format?: string }> = {
  'picklescan__data__malicious1.zip': { call: 'builtins.eval', format: 'zip' },
  'picklescan__data__malicious1_0x1.zip': { call: 'builtins.eval' },
  'picklescan__data__malicious1_0x20.zip': { call: 'builtins.eval' },
  'picklescan__data__malicious1_0x40.zip': { call: 'builtins.eval' },
  'picklescan__data__malicious1_central_directory.zip': { call: 'builtins.eval', anomaly: 'header-mismatch' },
  'picklescan__data__malicious1_wrong_ext.zip': { call: 'builtins.eval' },
  'picklescan__data2__malicious1_crc.zip': { call: 'builtins.eval' },
  'picklescan__data__benign_password_protected.zip': { anomaly: 'encrypted' },
  'modelscan__data__password_protected.zip': { anomaly: 'encrypted' },
  'picklescan__data__new_pytorch_model.bin': { format: 'pytorch-zip' },
  'picklescan__data__pytorch_model.bin': { format: 'pytorch-legacy' },
  'modelscan__data__unsafe_zip_pytorch.pt': { call: 'posix.system', format: 'pytorch-zip' },
  'modelaudit__assets__samples__pytorch__malicious_eval.pt': { call: 'builtins.eval' },
  'modelaudit__assets__samples__pytorch__safe_model.pt': {},
  'modelaudit__assets__samples__archives__path_traversal.zip': { call: 'posix.system', anomaly: 'path-traversal' },
  // Every zip is read, so an archive cannot hide a pickle behind innocent member names.
  'modelaudit__assets__samples__archives__safe_model.zip': { format: 'zip' },
  // Not PyTorch's: a PNG, and a raw pickle whose first pickle fakes the magic number (model/pickle's).
  'picklescan__data__bad_pytorch.pt': { claimed: false },
  'picklescan__data__pytorch_magic_bypass.pt': { claimed: false },
};

describe('model/pytorch on peer scanners\' test files', () => {
  it('every copied file has an expectation and a SOURCES.md row', () => {
    const sources = readFileSync(join(PEER, 'SOURCES.md'), 'utf8');
    for (const name of Object.keys(EXPECTED)) expect(sources).toContain(`| ${name} |`);
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(name, () => {
      const meta = scan(name);
      if (expected.claimed === false) return expect(meta).toBeUndefined();
      expect(meta).toBeDefined();
      if (expected.format) expect(meta!.format).toBe(expected.format);
      if (expected.call) expect(calls(meta)).toContain(expected.call);
      else expect(calls(meta).filter((c) => !/^(collections\.OrderedDict|torch\._utils\._rebuild_tensor_v2)$/.test(c))).toEqual([]);
      if (expected.anomaly) expect(meta!.anomalies.map((a) => a.kind)).toContain(expected.anomaly);
    });
  }
});
