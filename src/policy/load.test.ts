import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AigisError } from '../core/errors.js';
import { DEFAULT_CONFIG } from './config.js';
import { loadConfig, loadConfigFile } from './load.js';

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aigis-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function errorOf(fn: () => unknown): AigisError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AigisError) return error;
    throw error;
  }
  throw new Error('expected an AigisError');
}

describe('loadConfig', () => {
  it('uses the defaults when the folder has no configuration', () => {
    expect(loadConfig(undefined, folderWith({}))).toEqual(DEFAULT_CONFIG);
  });

  it('reads aigis.toml with suppressions, limits and fail-on', () => {
    const dir = folderWith({
      'aigis.toml': `fail-on = "critical"\n[scan]\nexclude = ["data/**"]\n[limits]\nmax-files = 10\n[[suppress]]\nrule = "model-code-execution/user-class-import"\npath = "models/*.pt"\nreason = "our own classes"\nexpires = 2027-01-31\n`,
    });
    const config = loadConfig(undefined, dir);
    expect(config.failOn).toBe('critical');
    expect(config.exclude).toEqual(['data/**']);
    expect(config.limits.maxFiles).toBe(10);
    expect(config.limits.maxDepth).toBe(DEFAULT_CONFIG.limits.maxDepth);
    expect(config.suppressions).toEqual([{ rule: 'model-code-execution/user-class-import', path: 'models/*.pt', reason: 'our own classes', expires: '2027-01-31' }]);
  });

  it('reads [tool.aigis] from pyproject.toml', () => {
    const dir = folderWith({ 'pyproject.toml': `[project]\nname = "x"\n[tool.aigis]\nfail-on = "medium"\n` });
    expect(loadConfig(undefined, dir).failOn).toBe('medium');
  });

  it('names the file and the key of every problem', () => {
    const dir = folderWith({ 'aigis.toml': `fail-on = "severe"\n[[suppress]]\nrule = "x"\n` });
    const error = errorOf(() => loadConfig(undefined, dir));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(join(dir, 'aigis.toml'));
    expect(error.message).toContain('fail-on');
    expect(error.message).toContain('suppress[0].reason');
  });

  it('rejects unknown keys, which are usually typos', () => {
    const dir = folderWith({ 'aigis.toml': `[scan]\ninclude-virtualenv = true\n` });
    expect(errorOf(() => loadConfig(undefined, dir)).message).toMatch(/include-virtualenv/);
  });

  it('reports invalid TOML with its line', () => {
    const dir = folderWith({ 'aigis.toml': `fail-on = "high"\n[scan\n` });
    const error = errorOf(() => loadConfig(undefined, dir));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/invalid TOML at line 2/);
  });

  it('fails on an explicit file that does not exist', () => {
    expect(errorOf(() => loadConfigFile('/nonexistent/aigis.toml')).code).toBe('CONFIG_INVALID');
  });

  it('refuses suppressions that name nothing or have malformed dates', () => {
    const dir = folderWith({ 'aigis.toml': `[[suppress]]\nreason = "x"\n[[suppress]]\nrule = "r"\nreason = "y"\nexpires = "next year"\n` });
    const message = errorOf(() => loadConfig(undefined, dir)).message;
    expect(message).toContain('at least one of rule, fingerprint, path or advisory');
    expect(message).toContain('YYYY-MM-DD');
  });

  it('reads the dependency policy: internal packages, allowlist and typosquat exceptions', () => {
    const dir = folderWith({
      'aigis.toml': `[deps.internal]\nindex = "https://pypi.acme.example/simple/"\npackages = ["acme-*", "secret_sauce"]\n[[deps.allow]]\nname = "torch"\nversions = ["==2.1.0", "2.14.*"]\nindex = "https://download.pytorch.org/whl/cpu/"\n[deps.typosquat]\nallow = ["reqeusts-mock"]\n`,
    });
    expect(loadConfig(undefined, dir).policy).toEqual({
      deps: {
        internal: { index: 'https://pypi.acme.example/simple/', packages: ['acme-*', 'secret_sauce'] },
        allow: [{ name: 'torch', versions: ['==2.1.0', '2.14.*'], index: 'https://download.pytorch.org/whl/cpu/' }],
        typosquatAllow: ['reqeusts-mock'],
      },
    });
  });

  it('names the key of an invalid dependency policy', () => {
    const dir = folderWith({ 'aigis.toml': `[deps.internal]\nindex = "not a url"\npackages = []\n[[deps.allow]]\nname = "torch"\n[[deps.allow]]\nname = "numpy"\nversions = ["latest"]\n` });
    const message = errorOf(() => loadConfig(undefined, dir)).message;
    expect(message).toContain('deps.allow[1].versions[0]: "latest" is not a version');
    expect(message).toContain('deps.internal.index');
    expect(message).toContain('deps.internal.packages');
    expect(message).toContain('deps.allow[0].versions');
  });
});
