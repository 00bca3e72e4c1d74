import { describe, expect, it } from 'vitest';
import { context, indexConfig, inventory, option, pkg } from '../pinning/__fixtures__/components.js';
import { findIndexConfig, indexConfigCheck, INDEX_CONFIG_RULE_IDS as R } from './index.js';

const PYPI = 'https://pypi.org/simple/';

describe('index-config', () => {
  it('is a python check that needs nothing', () => {
    expect(indexConfigCheck).toMatchObject({ id: 'index-config', tags: ['python'], requires: [] });
  });

  it('accepts a single https index with nothing else', async () => {
    expect(await indexConfigCheck.run(inventory(indexConfig('requirements.txt', { indexUrls: [option(PYPI, 'requirements.txt', 1)] })), context())).toEqual([]);
  });

  it('reports every --extra-index-url as high at its line, in pip configs too', () => {
    const findings = findIndexConfig(inventory(
      indexConfig('requirements.txt', { extraIndexUrls: [option('https://download.pytorch.org/whl/cu121', 'requirements.txt', 2)] }),
      indexConfig('pip.conf', { source: 'pip-config', extraIndexUrls: [option('https://pypi.acme.example/simple', 'pip.conf', 4)] }),
    ));
    expect(findings.map((f) => [f.ruleId, f.severity, f.location])).toEqual([
      [R.extraIndexUrl, 'high', { path: 'requirements.txt', line: 2 }],
      [R.extraIndexUrl, 'high', { path: 'pip.conf', line: 4 }],
    ]);
    expect(findings[0]?.message).toContain('highest version');
  });

  it('reports uv extra indexes as medium with the default strategy, high with unsafe-best-match (plus the strategy)', () => {
    const extra = [option('https://pypi.acme.example/simple', 'uv.toml', 3)];
    const safe = findIndexConfig(inventory(indexConfig('uv.toml', { source: 'uv-config', extraIndexUrls: extra })));
    expect(safe.map((f) => [f.ruleId, f.severity])).toEqual([[R.extraIndexUrl, 'medium']]);
    const unsafe = findIndexConfig(inventory(indexConfig('uv.toml', { source: 'uv-config', extraIndexUrls: extra, indexStrategy: option('unsafe-best-match', 'uv.toml', 1) })));
    expect(unsafe.map((f) => [f.ruleId, f.severity])).toEqual([[R.extraIndexUrl, 'high'], [R.unsafeIndexStrategy, 'high']]);
    expect(findIndexConfig(inventory(indexConfig('uv.toml', { source: 'uv-config', indexStrategy: option('first-index', 'uv.toml', 1) })))).toEqual([]);
  });

  it('reports plain-http indexes and find-links, not https ones', () => {
    const findings = findIndexConfig(inventory(indexConfig('requirements.txt', {
      indexUrls: [option('http://mirror.example/simple', 'requirements.txt', 1)],
      findLinks: [option('HTTP://wheels.example/', 'requirements.txt', 2), option('./wheels', 'requirements.txt', 3), option('https://w.example/', 'requirements.txt', 4)],
    })));
    expect(findings.map((f) => [f.ruleId, f.evidence['option'], f.location?.line])).toEqual([
      [R.plainHttp, 'index-url', 1],
      [R.plainHttp, 'find-links', 2],
    ]);
    expect(findings[0]?.fix).toContain('https://mirror.example/simple');
  });

  it('reports --trusted-host as medium and --no-index without find-links as info', () => {
    const findings = findIndexConfig(inventory(
      indexConfig('requirements.txt', { trustedHosts: [option('mirror.example', 'requirements.txt', 1)], noIndex: true }),
      indexConfig('offline.txt', { noIndex: true, findLinks: [option('./wheels', 'offline.txt', 1)] }),
    ));
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([[R.trustedHost, 'medium'], [R.noIndexWithoutFindLinks, 'info']]);
  });
});

describe('index-config: credentials', () => {
  const SECRET = 'hunter2-very-secret';
  const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

  it('reports passwords and tokens in index URLs and never shows them', () => {
    const findings = findIndexConfig(inventory(indexConfig('requirements.txt', {
      indexUrls: [option(`https://ci:${SECRET}@pypi.acme.example/simple/`, 'requirements.txt', 1)],
      extraIndexUrls: [option(`https://${TOKEN}@pypi.acme.example/extra/`, 'requirements.txt', 2)],
      findLinks: [option(`https://files.example/wheels/?token=${SECRET}&x=1`, 'requirements.txt', 3)],
    })));
    const credentials = findings.filter((f) => f.ruleId === R.credentials);
    expect(credentials.map((f) => [f.severity, f.location?.line, f.evidence['userinfo']])).toEqual([
      ['high', 1, 'password'], ['high', 2, 'token'], ['high', 3, 'none'],
    ]);
    const everything = JSON.stringify(findings);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(TOKEN);
    expect(everything).toContain('https://ci:***@pypi.acme.example/simple/');
    expect(everything).toContain('https://***@pypi.acme.example/extra/');
    expect(everything).toContain('?token=***&x=1');
  });

  it('does not report environment-variable placeholders or a plain user name', () => {
    expect(findIndexConfig(inventory(indexConfig('requirements.txt', {
      indexUrls: [option('https://${PIP_USER}:${PIP_PASSWORD}@pypi.acme.example/simple/', 'requirements.txt', 1)],
      findLinks: [option('https://git@files.example/wheels/', 'requirements.txt', 2)],
    })))).toEqual([]);
  });

  it('reports credentials in package, VCS and lockfile URLs, redacted', () => {
    const findings = findIndexConfig(inventory(
      pkg('foo', { url: `https://user:${SECRET}@files.example/foo-1.0.tar.gz`, line: 1 }),
      pkg('bar', { vcs: { type: 'git', url: `https://oauth2:${SECRET}@gitlab.example/bar.git`, ref: 'main', immutable: false }, line: 2 }),
      pkg('baz', { source: 'uv-lock', path: 'uv.lock', index: `https://${TOKEN}@pypi.acme.example/simple`, line: 3 }),
    ));
    expect(findings.map((f) => [f.ruleId, f.evidence['option']])).toEqual([
      [R.credentials, 'package URL'], [R.credentials, 'VCS URL'], [R.credentials, 'package index'],
    ]);
    expect(JSON.stringify(findings)).not.toMatch(new RegExp(`${SECRET}|${TOKEN}`));
  });

  it('keeps the fingerprint stable when the option moves to another line', () => {
    const at = (line: number) => findIndexConfig(inventory(indexConfig('r.txt', { extraIndexUrls: [option('https://x.example/simple', 'r.txt', line)] })))[0]?.fingerprint;
    expect(at(1)).toBe(at(9));
  });
});
