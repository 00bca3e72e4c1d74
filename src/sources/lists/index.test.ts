import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledDataDir, loadNameLists, MALICIOUS_NAMES_FILE, TOP_PACKAGES_FILE } from './index.js';

const bundled = bundledDataDir();

function folderWith(top: unknown, malicious: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'aigis-lists-'));
  writeFileSync(join(dir, TOP_PACKAGES_FILE), typeof top === 'string' ? top : JSON.stringify(top));
  writeFileSync(join(dir, MALICIOUS_NAMES_FILE), typeof malicious === 'string' ? malicious : JSON.stringify(malicious));
  return dir;
}

const realTop = JSON.parse(readFileSync(join(bundled, TOP_PACKAGES_FILE), 'utf8'));
const realMalicious = JSON.parse(readFileSync(join(bundled, MALICIOUS_NAMES_FILE), 'utf8'));

describe('loadNameLists', () => {
  it('loads the bundled lists: 15,000 names in rank order and 11,154 reported names', () => {
    const lists = loadNameLists(bundled);
    expect(lists.topPackages).toHaveLength(15_000);
    expect(lists.topPackages.slice(0, 3)).toEqual(['boto3', 'packaging', 'setuptools']);
    expect(lists.topPackages[14_999]).toBe('smclarify');
    expect(lists.maliciousPackages.size).toBe(11_154);
    expect(lists.maliciousPackages.get('litellm')).toEqual({ ids: ['MAL-2026-2144'], compromisedVersions: ['1.82.7', '1.82.8'] });
    expect(lists.maliciousPackages.get('aiothtp')?.compromisedVersions).toBeUndefined();
    const compromised = [...lists.maliciousPackages].filter(([, entry]) => entry.compromisedVersions !== undefined).map(([name]) => name);
    expect(compromised.sort()).toEqual(['always-updates', 'elementary-data', 'guardrails-ai', 'lightning', 'litellm', 'mistralai', 'num2words', 'telnyx']);
    expect(lists.provenance).toContain('7ec9534546eda4012c7826b6078e35eaa2c9c5f2');
    expect(lists.provenance).toContain('4c6db04ccea7ad6159303e0d5c70b7d501ae75de');
  });

  it('normalizes names, drops duplicates and merges ids', () => {
    const dir = folderWith(
      { ...realTop, packages: ['Foo_Bar', 'foo.bar', 'Baz'] },
      { ...realMalicious, packages: [['Evil_Pkg', 'MAL-2024-1'], ['evil-pkg', 'MAL-2024-2']], compromised: [] },
    );
    const lists = loadNameLists(dir);
    expect(lists.topPackages).toEqual(['foo-bar', 'baz']);
    expect(lists.maliciousPackages.get('evil-pkg')).toEqual({ ids: ['MAL-2024-1', 'MAL-2024-2'] });
  });

  it('names the file when one is missing, not JSON or the wrong shape', () => {
    const empty = mkdtempSync(join(tmpdir(), 'aigis-lists-'));
    expect(() => loadNameLists(empty)).toThrow(/cannot read name list .*top-pypi-packages\.json/);
    expect(() => loadNameLists(folderWith('{"packages": [', realMalicious))).toThrow(/top-pypi-packages\.json is not JSON/);
    expect(() => loadNameLists(folderWith({ ...realTop, packages: [1, 2] }, realMalicious))).toThrow(
      /top-pypi-packages\.json is invalid at packages\.0/,
    );
    expect(() => loadNameLists(folderWith(realTop, { ...realMalicious, packages: [['x', 'CVE-1']] }))).toThrow(
      /pypi-malicious-names\.json is invalid at packages\.0\.1/,
    );
    expect(() => loadNameLists(folderWith(realTop, { ...realMalicious, compromised: [{ name: 'x', ids: ['MAL-2024-1'], versions: [] }] }))).toThrow(
      /pypi-malicious-names\.json is invalid at compromised\.0\.versions/,
    );
  });

  it('bundledDataDir points at the data folder of the package', () => {
    expect(bundled.replace(/\\/g, '/')).toMatch(/\/data\/$/);
  });
});
