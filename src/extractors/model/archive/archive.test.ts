import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modelCodeExecutionCheck } from '../../../checks/model-code-execution/index.js';
import { DEFAULT_LIMITS, type ScanLimits } from '../../../core/limits.js';
import type { ModelFileMetadata } from '../../../core/model-metadata.js';
import { severityRank } from '../../../core/severity.js';
import { scan } from '../../../scan.js';
import { fileOf, fixtureBytes, probeOf } from '../pytorch/__fixtures__/load.js';
import { archiveExtractor } from './index.js';
import { bufferSource } from '../../../core/bytes.js';
import { scanTarModel } from '../pytorch/tar-archive.js';
import { listTar } from '../../../containers/tar/index.js';
import { OFFLINE_SCAN } from '../../../../test/support/offline-scan.js';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const PEER_7Z = fileURLToPath(new URL('../../../../test/fixtures/peer-models/picklescan/data/malicious1.7z', import.meta.url));

function extract(name: string, limits: ScanLimits = DEFAULT_LIMITS, path = join(FIXTURES, name)): ModelFileMetadata {
  const bytes = fixtureBytes(path);
  expect(archiveExtractor.sniff?.(probeOf(bytes)), `${name} is sniffed`).toBe(true);
  const result = archiveExtractor.extract(fileOf(bytes, name), { limits });
  return result.components[0]?.metadata as ModelFileMetadata;
}

function imports(meta: ModelFileMetadata): string[] {
  return meta.pickles.flatMap((p) => p.streams.flatMap((s) => s.imports.filter((i) => i.called).map((i) => `${p.member ?? ''}:${i.module}.${i.name}`)));
}

const kinds = (meta: ModelFileMetadata): string[] => meta.anomalies.map((a) => a.kind);

describe('model/archive on compressed pickles', () => {
  it.each(['gzip', 'zlib', 'bz2', 'xz', 'lzma'])('finds os.system in a joblib %s dump, and nothing in the benign one', (method) => {
    const evil = extract(`evil_${method}.joblib`);
    expect(imports(evil)).toEqual([`(${method === 'lzma' ? 'lzma' : method} stream):posix.system`]);
    expect(evil.anomalies).toEqual([]);
    const benign = extract(`benign_${method}.joblib`);
    expect(imports(benign)).toEqual([]);
    expect(benign.anomalies).toEqual([]);
    expect(benign.pickles[0]?.streams[0]?.error).toBeUndefined();
  });

  it('reads old joblib ZF files, plain gzip/bz2/xz/lzma streams and nested wrappers', () => {
    expect(imports(extract('evil_old_joblib.pkl'))).toEqual(['(zlib stream):posix.system']);
    expect(imports(extract('evil.pkl.gz'))).toEqual(['(gzip stream):posix.system']);
    expect(imports(extract('evil.pkl.bz2'))).toEqual(['(bz2 stream):posix.system']);
    expect(imports(extract('evil.pkl.xz'))).toEqual(['(xz stream):posix.system']);
    expect(imports(extract('benign.pkl.lzma'))).toEqual([]);
    const nested = extract('nested.pkl.gz.bz2');
    expect(imports(nested)).toEqual(['(bz2 stream) (gzip stream):posix.system']);
    expect(nested.archive?.depth).toBe(3);
  });

  it('reports a truncated stream as unscannable and still scans what it decoded', () => {
    const meta = extract('truncated.pkl.gz');
    expect(kinds(meta)).toContain('unscannable');
  });

  it('stops a bzip2 bomb at the ratio limit, fast', () => {
    const started = performance.now();
    const meta = extract('bomb.bz2');
    expect(kinds(meta)).toEqual(['decompression-limit']);
    expect(meta.archive?.expandedBytes).toBeLessThanOrEqual(1 << 20);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('shares one expansion budget across members', () => {
    const meta = extract('evil_model.tar.bz2', { ...DEFAULT_LIMITS, maxArchiveExpandedBytes: 10_300 });
    expect(kinds(meta)).toContain('decompression-limit');
  });
});

describe('model/archive on tar archives', () => {
  it('scans tar members by content, through every layer', () => {
    expect(imports(extract('evil_model.tar'))).toEqual(['model/weights.pkl:posix.system']);
    expect(imports(extract('evil_model.tar.xz'))).toEqual(['(xz stream)/weights.pkl:posix.system']);
    expect(imports(extract('evil_model.tar.bz2'))).toEqual(['(bz2 stream)/deep/dir/weights.pkl.gz (gzip stream):posix.system']);
  });

  it('lists members and formats it does not analyse', () => {
    const meta = extract('benign_model.tar.gz');
    expect(meta.anomalies).toEqual([]);
    expect(meta.archive?.container).toBe('gzip');
    expect(meta.archive?.members.map((m) => [m.name, m.format])).toEqual([
      ['(gzip stream)', 'tar'],
      ['(gzip stream)/model/README.md', 'other'],
      ['(gzip stream)/model/weights.pkl', 'pickle'],
      ['(gzip stream)/model/model.safetensors', 'safetensors'],
    ]);
    expect(meta.archive?.notAnalysed).toEqual(['safetensors']);
  });

  it('reports traversal in names and symlinks escaping the folder', () => {
    expect(kinds(extract('traversal.tar'))).toEqual(['path-traversal']);
    const link = extract('symlink.tar');
    expect(kinds(link)).toEqual(['path-traversal']);
    expect(link.anomalies[0]?.member).toBe('model/link');
  });

  it('leaves the legacy PyTorch tar layout to model/pytorch', () => {
    const bytes = fixtureBytes(fileURLToPath(new URL('../pytorch/__fixtures__/legacy_tar.pt', import.meta.url)));
    expect(archiveExtractor.sniff?.(probeOf(bytes))).toBe(false);
  });
});

describe('model/archive on 7z archives', () => {
  it.each(['evil_lzma2.7z', 'evil_lzma.7z', 'evil_copy.7z', 'evil_bzip2.7z', 'evil_deflate.7z'])('decodes %s and finds the payload', (name) => {
    const meta = extract(name);
    expect(imports(meta)).toEqual(['data.pkl:posix.system']);
    expect(meta.anomalies).toEqual([]);
  });

  it('reports a member name that climbs out of the extraction folder', () => {
    const meta = extract('traversal.7z');
    expect(meta.anomalies.map((a) => [a.kind, a.member])).toEqual([['path-traversal', '../data.pkl']]);
    expect(imports(meta)).toEqual(['../data.pkl:posix.system']);
  });

  it('reads the peer corpus 7z (LZMA header, BCJ + LZMA2 data)', () => {
    expect(imports(extract('malicious1.7z', DEFAULT_LIMITS, PEER_7Z))).toEqual(['data.pkl:builtins.eval']);
  });

  it('reports encrypted and truncated archives, never as clean', () => {
    expect(kinds(extract('encrypted_headers.7z'))).toEqual(['encrypted', 'unscannable']);
    const data = extract('encrypted_data.7z');
    expect(kinds(data)).toEqual(['encrypted']);
    expect(data.anomalies[0]?.member).toBe('data.pkl');
    expect(kinds(extract('truncated.7z'))).toEqual(['malformed', 'unscannable']);
    expect(imports(extract('benign.7z'))).toEqual([]);
    const ppmd = extract('evil_ppmd.7z');
    expect(ppmd.anomalies.map((a) => [a.kind, a.member, a.message])).toEqual([['unscannable', 'data.pkl', '7z member could not be read: compression PPMd is not supported']]);
  });

  it('leaves the legacy PyTorch tar to model/pytorch, which also reports pickles hidden beside it', () => {
    const bytes = fixtureBytes(fileURLToPath(new URL('../pytorch/__fixtures__/legacy_tar.pt', import.meta.url)));
    const evil = fixtureBytes(join(FIXTURES, 'evil_model.tar'));
    // evil_model.tar's members (headers and data, without its end blocks) after legacy_tar.pt's members.
    const endOf = (tar: Uint8Array): number => {
      const last = listTar(bufferSource(tar), DEFAULT_LIMITS).entries.at(-1);
      return last === undefined ? 0 : last.dataOffset + Math.ceil(last.size / 512) * 512;
    };
    const combined = new Uint8Array([...bytes.subarray(0, endOf(bytes)), ...evil.subarray(0, endOf(evil)), ...new Uint8Array(1024)]);
    const facts = scanTarModel(bufferSource(combined), DEFAULT_LIMITS);
    expect(facts.pickles.map((p) => p.member)).toContain('model/weights.pkl');
  });
});

describe('model/archive end to end', () => {
  it('gives every fixture the expected verdict through the model-code-execution check', async () => {
    const report = await scan({
      root: FIXTURES,
      targets: ['.'],
      extractors: [archiveExtractor],
      checks: [modelCodeExecutionCheck],
      ...OFFLINE_SCAN,
    });
    const worst = new Map<string, string>();
    for (const f of report.findings) {
      const path = f.location?.path ?? '';
      const seen = worst.get(path);
      if (seen === undefined || severityRank(f.severity) > severityRank(seen as never)) worst.set(path, f.severity);
    }
    for (const name of readdirSync(FIXTURES).filter((n) => !n.endsWith('.py') && !n.startsWith('member_'))) {
      const expected = name.startsWith('benign') ? undefined : name === 'evil_ppmd.7z' ? 'high' : name.startsWith('evil') || name.startsWith('nested') || name.startsWith('traversal') || name === 'symlink.tar' ? 'critical' : 'high';
      expect([name, worst.get(name)]).toEqual([name, expected]);
    }
  });
});
