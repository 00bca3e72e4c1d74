import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import type { PythonIndexConfigMetadata } from '../../../core/python-metadata.js';
import { TreeResolver } from '../../../discover/resolver.js';
import { pipConfigExtractor, readPipConfigFile, readUvConfigFile } from './index.js';

const tree = new TreeResolver(fileURLToPath(new URL('./__fixtures__/', import.meta.url)));
afterAll(() => tree.close());

function extract(path: string) {
  const result = pipConfigExtractor.extract(tree.open(path)!, { limits: DEFAULT_LIMITS });
  const config = result.components[0]?.metadata as PythonIndexConfigMetadata | undefined;
  return { ...result, config };
}
const values = (options: { value: string; line?: number }[]) => options.map((o) => `${o.line}:${o.value}`);

describe('python/pip-config: pip.conf and pip.ini', () => {
  it('reads every index option of the sections pip install reads, with multi-line values and lines', () => {
    const { components, config, diagnostics } = extract('project/pip.conf');
    expect(diagnostics).toEqual([]);
    expect(components[0]).toMatchObject({ id: 'python-index-config:project/pip.conf', kind: 'file', foundBy: 'python/pip-config', locations: [{ path: 'project/pip.conf', line: 3 }] });
    expect(config).toMatchObject({ source: 'pip-config', requireHashes: true, noIndex: false });
    expect(values(config!.indexUrls)).toEqual(['3:https://pypi.internal.example.com/simple']);
    expect(values(config!.extraIndexUrls)).toEqual(['5:https://download.pytorch.org/whl/cu121', '6:http://mirror.example.net/simple']);
    expect(values(config!.trustedHosts)).toEqual(['7:mirror.example.net']);
    expect(values(config!.findLinks)).toEqual(['12:./wheels']);
  });

  it('reads a CRLF pip.ini with credentials in the URL and a [download] section', () => {
    const { config } = extract('windows/pip.ini');
    expect(values(config!.indexUrls)).toEqual(['2:https://user:s3cret@artifactory.example.com/api/pypi/pypi/simple']);
    expect(values(config!.extraIndexUrls)).toEqual(['6:https://test.pypi.org/simple/']);
    expect(config!.noIndex).toBe(false);
  });

  it('reports what configparser and pip refuse, with lines, and still reads the rest', () => {
    const { config, diagnostics } = extract('malformed/pip.conf');
    expect(diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['1 PIP_CONFIG_INVALID', '4 PIP_CONFIG_INVALID', '6 PIP_CONFIG_INVALID', '5 PIP_CONFIG_INVALID']);
    expect(diagnostics.every((d) => d.path === 'malformed/pip.conf')).toBe(true);
    expect(config!.indexUrls.map((o) => o.value)).toEqual(['https://ok.example/simple', 'https://twice.example/simple']);
  });

  it('gives no component for a file without index options, and reads text the CLI passes', () => {
    expect(readPipConfigFile('/home/u/.config/pip/pip.conf', '[global]\ntimeout = 5\n').config.indexUrls).toEqual([]);
    const read = readPipConfigFile('/etc/pip.conf', '[global]\nextra-index-url = https://x/simple https://y/simple\n');
    expect(read.config.extraIndexUrls).toEqual([
      { value: 'https://x/simple', path: '/etc/pip.conf', line: 2 },
      { value: 'https://y/simple', path: '/etc/pip.conf', line: 2 },
    ]);
  });
});

describe('python/pip-config: uv.toml', () => {
  it('reads index-strategy, extra indexes and [[index]] tables with lines', () => {
    const { config, diagnostics } = extract('uv/uv.toml');
    expect(diagnostics).toEqual([]);
    expect(config).toMatchObject({ source: 'uv-config', requireHashes: true, indexStrategy: { value: 'unsafe-best-match', line: 2 } });
    expect(values(config!.indexUrls)).toEqual(['8:https://pypi.internal.example.com/simple']);
    expect(values(config!.extraIndexUrls)).toEqual(['3:https://download.pytorch.org/whl/cu121', '18:http://mirror.example.net/simple']);
    expect(values(config!.trustedHosts)).toEqual(['4:mirror.example.net']);
  });

  it('reports wrong shapes with the key path, and invalid TOML with its line', () => {
    const wrong = extract('malformed-uv/uv.toml');
    expect(wrong.diagnostics.map((d) => [d.line, d.code, d.message.split(':')[0]])).toEqual([
      [2, 'UV_CONFIG_INVALID', 'extra-index-url'],
      [3, 'UV_CONFIG_INVALID', 'index.0.url'],
    ]);
    expect(values(wrong.config!.indexUrls)).toEqual(['1:https://x.example/simple']);
    const broken = extract('broken-uv/uv.toml');
    expect(broken.components).toEqual([]);
    expect(broken.diagnostics).toEqual([expect.objectContaining({ code: 'UV_CONFIG_INVALID', path: 'broken-uv/uv.toml', line: 1 })]);
  });

  it('reads a 20,000-entry list with the right lines, in linear time', () => {
    const big = readUvConfigFile('uv.toml', `extra-index-url = [${Array.from({ length: 20000 }, (_, i) => `"https://h${i}.example/simple"`).join(',\n')}]\n`);
    expect(big.config.extraIndexUrls).toHaveLength(20000);
    expect(big.config.extraIndexUrls[19999]!.line).toBe(20000);
  });

  it('refuses a file over the size limit with a diagnostic', () => {
    const input = { ...tree.open('uv/uv.toml')!, size: 5 * 1024 * 1024 };
    const result = pipConfigExtractor.extract(input, { limits: DEFAULT_LIMITS });
    expect(result).toEqual({ components: [], diagnostics: [expect.objectContaining({ code: 'UV_CONFIG_INVALID', path: 'uv/uv.toml' })] });
  });
});
