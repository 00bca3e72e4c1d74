import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Component, Hash } from '../../../core/component.js';
import { atLeast } from '../../../core/severity.js';
import type { ArtifactStore } from '../../../core/sources.js';
import { inventory, pkg } from '../../pinning/__fixtures__/components.js';
import { findHashes } from '../index.js';
import { findArtifactHashes } from './index.js';

/** Real wheels and what real pip 23 said about each requirements file (see __fixtures__/generate.py). */
interface Verdicts {
  wheels: Array<{ filename: string; name: string; version: string; requiresDist: string[] }>;
  cases: Array<{ file: string; accepted: boolean; error: string | null }>;
}

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);
const verdicts = JSON.parse(readFileSync(fixture('pip-verdicts.json'), 'utf8')) as Verdicts;

const wheelhouse: ArtifactStore = {
  description: '--find-links __fixtures__/wheelhouse',
  artifactsFor: async (name) =>
    verdicts.wheels.filter((w) => w.name === name).map((w) => {
      const bytes = readFileSync(fixture(`wheelhouse/${w.filename}`));
      return { ...w, normalizedName: w.name, path: w.filename, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    }),
};

/** A hand-built inventory for the fixture's simple lines: `name<op>version [--hash=alg:value]...`. */
function components(file: string): Component[] {
  return readFileSync(fixture(file), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line, i) => {
    const [requirement = '', ...options] = line.trim().split(/\s+/);
    const match = /^([A-Za-z0-9_.-]+)(.*)$/.exec(requirement);
    const specifier = match?.[2] ?? '';
    const hashes: Hash[] = options.map((o) => /^--hash=(\w+):(\w+)$/.exec(o)).flatMap((m) => (m ? [{ alg: m[1] as Hash['alg'], value: m[2] as string }] : []));
    const exact = /^==([^*,]+)$/.exec(specifier)?.[1];
    return pkg(match?.[1] ?? '', { path: file, line: i + 1, raw: line.trim(), specifier, pinned: exact !== undefined, hashes, ...(exact ? { version: exact } : {}) });
  });
}

describe('agreement with real pip --require-hashes', () => {
  it('covers refused and accepted files', () => {
    expect(verdicts.cases.filter((c) => c.accepted).length).toBeGreaterThanOrEqual(2);
    expect(verdicts.cases.filter((c) => !c.accepted).length).toBeGreaterThanOrEqual(4);
  });

  const expectedRules: Record<string, string[]> = {
    'complete.txt': [],
    'no-hashes.txt': [],
    'dependency-missing.txt': ['dependency-unhashed'],
    'dependency-unhashed.txt': ['missing-hash'],
    'wrong-hash.txt': ['artifact-hash-mismatch'],
    'unpinned.txt': ['hash-mode-unpinned'],
    'md5.txt': ['weak-hash'],
  };

  it.each(verdicts.cases.map((c) => [c.file, c] as const))('%s: a high finding exactly where pip refuses', async (file, verdict) => {
    const inv = inventory(...components(file));
    const findings = [...findHashes(inv), ...(await findArtifactHashes(inv, wheelhouse))];
    const blocking = findings.filter((f) => atLeast(f.severity, 'high'));
    expect(blocking.length > 0, `pip said: ${verdict.error}`).toBe(!verdict.accepted);
    expect(findings.map((f) => f.ruleId).sort()).toEqual([...(expectedRules[file] ?? ['?'])].sort());
  });
});
