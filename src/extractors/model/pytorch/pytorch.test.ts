import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelFileMetadata } from '../../../core/model-metadata.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import { numpyExtractor } from '../numpy/index.js';
import { pickleExtractor } from '../pickle/index.js';
import { ctx, fileOf, fixtureBytes, probeOf, PYTORCH_FIXTURES } from './__fixtures__/load.js';
import { pytorchExtractor } from './index.js';
import { bufferSource } from '../../../core/bytes.js';
import { listZip } from '../../../containers/zip/index.js';
import { buildZip } from '../../../containers/zip/__fixtures__/build.js';

function scan(name: string, limits = DEFAULT_LIMITS) {
  const bytes = fixtureBytes(join(PYTORCH_FIXTURES, name));
  const result = pytorchExtractor.extract(fileOf(bytes, name), { limits });
  expect(result.components).toHaveLength(1);
  const component = result.components[0]!;
  expect(component).toMatchObject({ id: `model:${name}`, kind: 'model', name, foundBy: 'model/pytorch', locations: [{ path: name }] });
  return component.metadata as ModelFileMetadata;
}

/** `module.name` of every import, per member, with `()` when it is called. */
function imports(meta: ModelFileMetadata): string[] {
  return meta.pickles.flatMap((p) => p.streams.flatMap((s) => s.imports.map((i) => `${p.member ?? ''}:${i.module}.${i.name}${i.called ? '()' : ''}`)));
}
const kinds = (meta: ModelFileMetadata) => meta.anomalies.map((a) => a.kind);
const claims = (name: string) => {
  const probe = probeOf(fixtureBytes(join(PYTORCH_FIXTURES, name)));
  return [pytorchExtractor, numpyExtractor, pickleExtractor].filter((e) => e.sniff!(probe)).map((e) => e.id);
};

describe('model/pytorch: benign checkpoints written by torch 1.13', () => {
  it('state_dict zip: scans data.pkl only, skips storages', () => {
    const meta = scan('state_dict.pt');
    expect(meta.format).toBe('pytorch-zip');
    expect(meta.anomalies).toEqual([]);
    expect(meta.pickles.map((p) => p.member)).toEqual(['state_dict/data.pkl']);
    expect(imports(meta)).toEqual(['state_dict/data.pkl:collections.OrderedDict()', 'state_dict/data.pkl:torch._utils._rebuild_tensor_v2()', 'state_dict/data.pkl:torch.FloatStorage']);
    expect(meta.details).toMatchObject({ archiveName: 'state_dict', members: 4 });
  });

  it('whole-model save references __main__.Net', () => {
    expect(imports(scan('whole_model.pt'))).toContain('whole_model/data.pkl:__main__.Net()');
  });

  it('TorchScript: format, code files and every pickle (data, constants, debug_pkl)', () => {
    const meta = scan('torchscript.pt');
    expect(meta.format).toBe('torchscript');
    expect(meta.details).toMatchObject({ codeFiles: 2 });
    expect(String(meta.details!['code'])).toContain('torchscript/code/__torch__.py');
    expect(meta.pickles.map((p) => p.member).sort()).toEqual([
      'torchscript/code/__torch__.py.debug_pkl',
      'torchscript/code/__torch__/torch/nn/modules/linear.py.debug_pkl',
      'torchscript/constants.pkl',
      'torchscript/data.pkl',
    ]);
  });

  it('legacy format: the five pickles, not the raw storage bytes', () => {
    const meta = scan('legacy.pt');
    expect(meta.format).toBe('pytorch-legacy');
    expect(meta.pickles).toHaveLength(1);
    expect(meta.pickles[0]!.streams).toHaveLength(5);
    expect(meta.anomalies).toEqual([]);
    expect(claims('legacy.pt')).toEqual(['model/pytorch']);
  });

  it('pre-0.4 tar layout: storages, tensors and pickle, skipping raw records', () => {
    const meta = scan('legacy_tar.pt');
    expect(meta.format).toBe('pytorch-tar');
    expect(meta.anomalies).toEqual([]);
    const byMember = Object.fromEntries(meta.pickles.map((p) => [p.member, p.streams.length]));
    expect(byMember).toEqual({ pickle: 1, storages: 3, tensors: 2 });
    expect(meta.pickles.every((p) => p.streams.every((s) => s.error === undefined))).toBe(true);
  });
});

describe('model/pytorch: malicious checkpoints (assembled, never loaded)', () => {
  it('finds os.system in a replaced data.pkl', () => {
    expect(imports(scan('evil_data_pkl.pt'))).toEqual(['state_dict/data.pkl:os.system()']);
  });

  it('scans both duplicate data.pkl entries', () => {
    const meta = scan('duplicate_data_pkl.pt');
    expect(kinds(meta)).toEqual(['duplicate-entry']);
    expect(imports(meta)).toContain('state_dict/data.pkl:os.system()');
    expect(imports(meta)).toContain('state_dict/data.pkl:collections.OrderedDict()');
  });

  it('reports a local header name that differs from the central directory', () => {
    expect(kinds(scan('header_mismatch.pt'))).toEqual(['header-mismatch']);
  });

  it('scans bytes prepended to a checkpoint as the legacy pickles torch.load would read', () => {
    const meta = scan('prepended.pt');
    expect(kinds(meta)).toEqual(['malformed']);
    expect(meta.details).toMatchObject({ bytesBeforeArchive: 57 });
    expect(imports(meta)).toEqual([':os.system()', 'state_dict/data.pkl:os.system()']);
  });

  it('bounds a deflate bomb and still scans its start', () => {
    const meta = scan('bomb.pt', { ...DEFAULT_LIMITS, maxMemberBytes: 4 << 20 });
    expect(kinds(meta)).toEqual(['decompression-limit']);
    expect(meta.pickles[0]!.streams[0]!.error).toBeUndefined();
  });

  it('reports a size lie and scans the declared prefix', () => {
    const meta = scan('size_lie.pt');
    expect(kinds(meta)).toEqual(['decompression-limit']);
    expect(imports(meta)).toEqual(['archive/data.pkl:os.system']);
  });

  it('legacy: finds the payload in the fifth pickle and ignores raw bytes after it', () => {
    const meta = scan('legacy_evil.pt');
    expect(meta.pickles[0]!.streams).toHaveLength(5);
    expect(imports(meta)).toEqual([':os.system()']);
  });

  it('tar layout: finds the payload in `pickle`, and reports traversal', () => {
    expect(imports(scan('legacy_tar_evil.pt'))).toContain('pickle:os.system()');
    const meta = scan('traversal.tar');
    expect(kinds(meta)).toContain('path-traversal');
    expect(imports(meta)).toEqual(['pickle:os.system()']);
  });

  it('generic zip: a pickle under a misleading name', () => {
    const meta = scan('pickles.zip');
    expect(meta.format).toBe('zip');
    expect(imports(meta)).toEqual(['weights/config.json:os.system()']);
  });
});

describe('model/pytorch: members and diagnostics', () => {
  it('delegates .npy members to the numpy reader and scans object arrays', () => {
    const npy = fixtureBytes(join(PYTORCH_FIXTURES, '..', '..', 'numpy', '__fixtures__', 'evil_object.npy'));
    const bytes = buildZip([{ name: 'model/weights.pkl', data: '\x80\x02}q\x00.' }, { name: 'model/arr.npy', data: npy, method: 8 }]);
    expect(pytorchExtractor.sniff!(probeOf(bytes))).toBe(true);
    const meta = pytorchExtractor.extract(fileOf(bytes, 'x.zip'), ctx).components[0]!.metadata as ModelFileMetadata;
    expect(imports(meta)).toEqual(['model/arr.npy:os.system()']);
    expect(meta.pickles.map((p) => p.member)).toEqual(['model/weights.pkl', 'model/arr.npy']);
  });

  it('reports what it could not read as diagnostics with member and offset', () => {
    const bytes = fixtureBytes(join(PYTORCH_FIXTURES, 'peer', 'picklescan__data__benign_password_protected.zip'));
    const result = pytorchExtractor.extract(fileOf(bytes, 'p.zip'), ctx);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'CONTAINER_ENCRYPTED', path: 'p.zip', member: 'test.txt', offset: 0 })]);
    const lie = pytorchExtractor.extract(fileOf(fixtureBytes(join(PYTORCH_FIXTURES, 'size_lie.pt'))), ctx);
    expect(lie.diagnostics.map((d) => d.code).sort()).toEqual(['CONTAINER_DECOMPRESSION_LIMIT', 'PICKLE_TRUNCATED']);
  });

  it('skips storage members of torch archives without reading them', () => {
    const bytes = fixtureBytes(join(PYTORCH_FIXTURES, 'state_dict.pt'));
    const reads: number[] = [];
    const file = fileOf(bytes);
    const source = { size: bytes.length, read: (o: number, n: number) => { reads.push(o); return file.source.read(o, n); } };
    pytorchExtractor.extract({ ...file, source }, ctx);
    const storage = listZip(bufferSource(bytes), DEFAULT_LIMITS).entries.find((e) => e.name === 'state_dict/data/0')!;
    expect(reads).not.toContain(storage.dataOffset);
  });
});

describe('model/pytorch: sniffing', () => {
  it('claims zips holding pickles, legacy and tar checkpoints, and no npz', () => {
    for (const name of ['state_dict.pt', 'torchscript.pt', 'legacy.pt', 'legacy_tar.pt', 'pickles.zip', 'bomb.pt', 'evil_data_pkl.pt']) {
      expect(claims(name), name).toEqual(['model/pytorch']);
    }
    const npz = probeOf(fixtureBytes(join(PYTORCH_FIXTURES, '..', '..', 'numpy', '__fixtures__', 'arrays.npz')));
    expect(pytorchExtractor.sniff!(npz)).toBe(false);
  });

  it('claims a checkpoint with bytes before the archive through the end record in the tail', () => {
    expect(claims('prepended.pt')).toEqual(['model/pytorch']);
  });

  it('never throws on an empty or garbage file', () => {
    for (const bytes of [new Uint8Array(0), new Uint8Array([0x50, 0x4b, 3, 4]), new Uint8Array(600).fill(0x41)]) {
      const result = pytorchExtractor.extract(fileOf(bytes), ctx);
      expect(result.components).toHaveLength(1);
    }
  });
});
