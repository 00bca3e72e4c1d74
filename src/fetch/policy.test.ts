import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../policy/load.js';
import { DEFAULT_FETCH_MAX_BYTES, resolveFetchPolicy } from './policy.js';

function configFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'aigis-fetch-policy-')), name);
  writeFileSync(path, text);
  return path;
}

describe('[fetch] policy', () => {
  it('reads trusted sources, the size limit and the hub URL from aigis.toml and pyproject.toml', () => {
    const toml = configFile('aigis.toml', '[fetch]\ntrusted = ["hf://acme/*", "https://files.example.com/models/"]\nmax-bytes = 1000\nhub-url = "https://hub.example.com"\n');
    const policy = resolveFetchPolicy(loadConfig(toml, '.').fetch);
    expect(policy.trusted).toHaveLength(2);
    expect(policy).toMatchObject({ maxBytes: 1000, hubUrl: 'https://hub.example.com' });
    const pyproject = configFile('pyproject.toml', '[tool.aigis.fetch]\ntrusted = ["hf://datasets/acme/*"]\n');
    expect(resolveFetchPolicy(loadConfig(pyproject, '.').fetch)).toMatchObject({ trusted: [{ scheme: 'hf', repoType: 'dataset', org: 'acme', name: '*' }], maxBytes: DEFAULT_FETCH_MAX_BYTES, hubUrl: 'https://huggingface.co' });
    expect(resolveFetchPolicy(loadConfig(undefined, mkdtempSync(join(tmpdir(), 'aigis-fetch-policy-'))).fetch).trusted).toEqual([]);
  });

  it.each([
    ['trusted = ["hf://*"]', 'trusted'],
    ['trusted = ["https://user@example.com/"]', 'user info'],
    ['trusted = ["http://example.com/"]', 'loopback'],
    ['hub-url = "http://hub.example.com"', 'loopback'],
    ['hub-url = "https://hub.example.com/?x=1"', 'query'],
    ['max-bytes = 0', 'max-bytes'],
    ['max_bytes = 10', 'max_bytes'],
  ])('refuses %s', (line, mentioned) => {
    expect(() => loadConfig(configFile('aigis.toml', `[fetch]\n${line}\n`), '.')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(mentioned) }));
  });
});
