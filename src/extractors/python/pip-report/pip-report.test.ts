import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PythonPackageMetadata } from '../../../core/python-metadata.js';
import { CTX, hugeInput, memoryInput } from '../lockfile/__fixtures__/test-input.js';
import { pipReportExtractor } from './index.js';

const fixture = readFileSync(new URL('./__fixtures__/pip-report.json', import.meta.url), 'utf8');
const run = (text: string, path = 'r.json') => pipReportExtractor.extract(memoryInput(path, text), CTX);
const meta = (c: { metadata: unknown }) => c.metadata as PythonPackageMetadata;
const probe = (text: string) => ({ head: new TextEncoder().encode(text), tail: new Uint8Array(0), size: text.length });

describe('python/pip-report', () => {
  it("reads pip 23's report: requested is direct, archive hashes, dependency names, lines", () => {
    const result = run(fixture);
    expect(result.diagnostics).toEqual([]);
    expect(result.components.map((c) => `${c.name}@${c.version}:${c.locations[0]?.line}:${meta(c).direct}`)).toEqual([
      'aigis-fixture-alpha@1.0.0:19:true',
      'aigis-fixture.beta@2.1.0:43:false',
    ]);
    const alpha = result.components[0]!;
    expect(alpha.id).toBe('python:r.json#19:aigis-fixture-alpha');
    expect(alpha.hashes).toEqual([{ alg: 'sha256', value: 'be7808c97accc8e815328d4417aaa4261b45d6ae2ee443d54f6be06e8a9ad61d' }]);
    expect(meta(alpha)).toMatchObject({ source: 'pip-report', pinned: true, dependencies: ['aigis-fixture-beta', 'colorama'] });
    expect(meta(alpha).artifacts[0]?.filename).toBe('aigis_fixture_alpha-1.0.0-py3-none-any.whl');
    expect(meta(alpha).index).toBeUndefined();
    expect(meta(alpha).url).toBeUndefined();
  });

  it('records the download origin as the index, and direct URL and VCS installs', () => {
    const doc = {
      version: '1',
      pip_version: '24.0',
      install: [
        { download_info: { url: 'https://files.pythonhosted.org/packages/x/six-1.16.0-py2.py3-none-any.whl', archive_info: { hashes: { sha256: 'ab'.repeat(32) } } }, is_direct: false, requested: true, metadata: { name: 'six', version: '1.16.0' } },
        { download_info: { url: 'https://github.com/psf/requests', vcs_info: { vcs: 'git', commit_id: 'c'.repeat(40), requested_revision: 'main' } }, is_direct: true, requested: true, metadata: { name: 'requests', version: '2.32.0' } },
      ],
    };
    const [six, requests] = run(JSON.stringify(doc, null, 2)).components;
    expect(meta(six!).index).toBe('https://files.pythonhosted.org');
    expect(meta(requests!)).toMatchObject({ url: 'https://github.com/psf/requests', vcs: { type: 'git', immutable: true } });
    expect(meta(requests!).index).toBeUndefined();
  });

  it('claims pip reports by content and nothing else', () => {
    expect(pipReportExtractor.sniff!(probe(fixture.slice(0, 200)))).toBe(true);
    expect(pipReportExtractor.sniff!(probe('{"version": "1", "install": []}'))).toBe(false);
    expect(pipReportExtractor.sniff!(probe('{"name": "x", "version": "1", "pip_version": "1", "install": 1}'))).toBe(true);
    expect(pipReportExtractor.sniff!(probe('[{"version": "1", "pip_version": "x", "install": []}]'))).toBe(false);
  });

  it('malformed documents become diagnostics with a line', () => {
    expect(run('{\n  "version": "1",\n  "install": [\n}').diagnostics[0]).toMatchObject({ code: 'PIP_REPORT_INVALID_JSON', line: 4 });
    expect(run('{"version": "2", "pip_version": "x", "install": []}').diagnostics[0]).toMatchObject({ code: 'PIP_REPORT_SCHEMA', line: 1 });
    const shape = run('{\n "version": "1",\n "pip_version": "x",\n "install": [\n  {"metadata": {"name": "a"}},\n  {"download_info": {"url": "https://h/b-1.tar.gz"}, "is_direct": false, "requested": false, "metadata": {"name": "b", "version": "1"}}\n ]\n}');
    expect(shape.diagnostics[0]).toMatchObject({ code: 'PIP_REPORT_SCHEMA', line: 5 });
    expect(shape.components.map((c) => c.name)).toEqual(['b']);
    expect(pipReportExtractor.extract(hugeInput('r.json', 2 ** 31), CTX).diagnostics[0]?.code).toBe('PIP_REPORT_TOO_LARGE');
  });
});
