import { describe, expect, it } from 'vitest';
import type { Extractor } from '../../../core/extractor.js';
import { matchesGlob } from '../../../discover/glob.js';
import { pdmLockExtractor } from '../pdm-lock/index.js';
import { pipReportExtractor } from '../pip-report/index.js';
import { pipfileLockExtractor } from '../pipfile-lock/index.js';
import { poetryLockExtractor } from '../poetry-lock/index.js';
import { sitePackagesExtractor } from '../site-packages/index.js';
import { uvLockExtractor } from '../uv-lock/index.js';
import { pylockExtractor } from './index.js';

const claims = (extractor: Extractor, path: string) => extractor.patterns.some((p) => matchesGlob(path, p));

describe('lockfile and environment extractors: ids and name patterns', () => {
  it('have the ids the design names, one kind, and a version', () => {
    const all = [pylockExtractor, uvLockExtractor, poetryLockExtractor, pipfileLockExtractor, pdmLockExtractor, pipReportExtractor, sitePackagesExtractor];
    expect(all.map((e) => e.id)).toEqual(['python/pylock', 'python/uv-lock', 'python/poetry-lock', 'python/pipfile-lock', 'python/pdm-lock', 'python/pip-report', 'python/site-packages']);
    for (const e of all) expect(e).toMatchObject({ kind: 'python-package', version: '1.0.0', tags: expect.arrayContaining(['python']) });
  });

  it('claim their files by name, wherever they are, and nothing alike', () => {
    expect(claims(pylockExtractor, 'pylock.toml')).toBe(true);
    expect(claims(pylockExtractor, 'sub/pylock.dev.toml')).toBe(true);
    expect(claims(pylockExtractor, 'pylock.toml.bak')).toBe(false);
    expect(claims(uvLockExtractor, 'a/b/uv.lock')).toBe(true);
    expect(claims(poetryLockExtractor, 'poetry.lock')).toBe(true);
    expect(claims(pipfileLockExtractor, 'svc/Pipfile.lock')).toBe(true);
    expect(claims(pipfileLockExtractor, 'Pipfile')).toBe(false);
    expect(claims(pdmLockExtractor, 'pdm.lock')).toBe(true);
    expect(claims(pipReportExtractor, 'out/pip-report.json')).toBe(true);
    expect(claims(sitePackagesExtractor, 'venv/lib/python3.11/site-packages/torch-2.5.1.dist-info/METADATA')).toBe(true);
    expect(claims(sitePackagesExtractor, 'torch-2.5.1.dist-info/METADATA')).toBe(true);
    expect(claims(sitePackagesExtractor, 'torch-2.5.1.egg-info/PKG-INFO')).toBe(false);
    expect(claims(sitePackagesExtractor, 'x.dist-info/RECORD')).toBe(false);
  });
});
