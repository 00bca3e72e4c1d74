import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyImport, type ImportClass } from './classify.js';

/**
 * Every import made by the pickles of the peer scanners' test files (picklescan, modelscan, ModelAudit),
 * listed by __fixtures__/extract-peer-imports.py with pickletools (never unpickled). `expected` is the
 * verdict from /work/shared/corpus/peer-models/MANIFEST.json.
 */
interface PeerImport {
  module: string;
  name: string;
  opcode: string;
  resolved: boolean;
  called: boolean;
}
interface PeerFile {
  path: string;
  expected: 'malicious' | 'benign' | 'inert' | 'unscannable' | 'error';
  imports: PeerImport[];
}

/** Every distinct import above with its class, as reviewed by hand (format unknown: a plain pickle). */
const golden = JSON.parse(readFileSync(new URL('./__fixtures__/peer-import-classes.json', import.meta.url), 'utf8')) as {
  imports: { module: string; name: string; resolved: boolean; expected: ImportClass }[];
};

const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/peer-imports.json', import.meta.url), 'utf8')) as { files: PeerFile[] };

/**
 * MANIFEST says malicious, but every import is a standard tensor rebuild and picklescan's own test
 * (test_scan_pytorch) expects this file to be clean: nothing in its pickle runs code.
 */
const MANIFEST_DISAGREEMENTS = new Set(['picklescan/data/new_pytorch_model.bin']);
const FLAGGING: ReadonlySet<ImportClass> = new Set(['dangerous', 'unknown', 'unresolved']);

function formatOf(path: string): string {
  if (path.endsWith('.npy')) return 'numpy-npy';
  if (path.endsWith('.npz')) return 'numpy-npz';
  if (/\.(pt|bin)$/.test(path)) return 'pytorch-zip';
  return 'pickle';
}

function classesOf(file: PeerFile): ImportClass[] {
  return file.imports.map(
    (entry) => classifyImport(entry.module, entry.name, { format: formatOf(file.path), resolved: entry.resolved, callOpcode: entry.called ? 'REDUCE' : undefined }).class,
  );
}

describe('peer-model corpus imports', () => {
  it('has the files the fixture was made from', () => {
    expect(fixture.files.length).toBeGreaterThan(100);
  });

  const malicious = fixture.files.filter((file) => file.expected === 'malicious' && file.imports.length > 0 && !MANIFEST_DISAGREEMENTS.has(file.path));
  it.each(malicious.map((file) => [file.path, file] as const))('flags malicious %s', (_path, file) => {
    expect(classesOf(file).some((verdict) => FLAGGING.has(verdict))).toBe(true);
  });

  const harmless = fixture.files.filter((file) => file.expected === 'benign' || file.expected === 'inert');
  it.each(harmless.map((file) => [file.path, file] as const))('does not flag %s', (_path, file) => {
    const verdicts = file.imports.map((entry) => classifyImport(entry.module, entry.name, { format: formatOf(file.path), resolved: entry.resolved }));
    expect(verdicts.filter((verdict) => verdict.severity !== 'info' && verdict.severity !== 'low')).toEqual([]);
  });

  it.each(golden.imports.map((row) => [`${row.module}.${row.name}`, row] as const))('classifies %s as the reviewed table says', (_name, row) => {
    expect(classifyImport(row.module, row.name, { resolved: row.resolved }).class).toBe(row.expected);
  });

  it('has a reviewed class for every import in the corpus', () => {
    const reviewed = new Set(golden.imports.map((row) => `${row.module}.${row.name}.${row.resolved}`));
    const missing = fixture.files.flatMap((file) => file.imports).filter((entry) => !reviewed.has(`${entry.module}.${entry.name}.${entry.resolved}`));
    expect(missing).toEqual([]);
  });
});
