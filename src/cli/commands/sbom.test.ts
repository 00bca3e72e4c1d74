import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AigisError } from '../../core/errors.js';
import { cycloneDxValidator } from '../../sbom/__fixtures__/cyclonedx-validator.js';
import { writeSampleProject } from '../../sbom/__fixtures__/sample-project.js';
import { runSbom, SBOM_HELP, type SbomIo } from './sbom.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let dir: string;
let project: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-sbom-cli-'));
  project = join(dir, 'project');
  writeSampleProject(project);
  writeFileSync(join(project, 'aigis.toml'), '[[suppress]]\npath = "models/evil.pkl"\nreason = "scanner test sample"\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): SbomIo & { out: string; err: string } {
  const io = { out: '', err: '', cwd: dir, env: { AIGIS_DB: join(dir, 'osv.sqlite') }, stdout: { write: (t: string) => (io.out += t) }, stderr: { write: (t: string) => (io.err += t) } };
  return io;
}
const code = async (argv: string[]): Promise<string> => {
  const error = await runSbom(argv, capture()).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AigisError);
  return (error as AigisError).code;
};

describe('aigis sbom', () => {
  it('writes a CycloneDX 1.6 BOM with the findings of every check, suppressed ones as not_affected', async () => {
    const io = capture();
    expect(await runSbom(['project', '-o', 'bom.json'], io)).toBe(0);
    expect(io.err).toMatch(/CycloneDX 1\.6 BOM \(3 packages, 3 models, 3 datasets, \d+ vulnerabilities\) written to bom\.json/);
    const bom = JSON.parse(readFileSync(join(dir, 'bom.json'), 'utf8')) as Json;
    expect(cycloneDxValidator('1.6')(bom)).toBe(true);
    // The bundled OSV snapshot knows requests 2.31.0's advisories.
    expect(bom.vulnerabilities.some((v: Json) => v.source.name === 'OSV' && v.affects[0].ref === 'pkg:pypi/requests@2.31.0')).toBe(true);
    const pickle = bom.vulnerabilities.filter((v: Json) => v.affects?.[0]?.ref === 'model:models/evil.pkl');
    expect(pickle.length).toBeGreaterThan(0);
    expect(pickle.every((v: Json) => v.analysis.state === 'not_affected')).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--spec-version 1.7 and --no-findings: a valid 1.7 inventory with no vulnerabilities, on stdout', async () => {
    const io = capture();
    expect(await runSbom(['project', '--spec-version', '1.7', '--no-findings'], io)).toBe(0);
    const bom = JSON.parse(io.out) as Json;
    expect(bom.specVersion).toBe('1.7');
    expect(cycloneDxValidator('1.7')(bom)).toBe(true);
    expect(bom.vulnerabilities).toBeUndefined();
    expect(io.err).toBe('');
  });

  it('--format spdx writes SPDX 3.0.1 JSON-LD', async () => {
    const io = capture();
    expect(await runSbom(['project', '--format', 'spdx', '--no-findings', '-o', 'bom.spdx.jsonld', '-q'], io)).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'bom.spdx.jsonld'), 'utf8')) as Json;
    expect(doc['@context']).toBe('https://spdx.org/rdf/3.0.1/spdx-context.jsonld');
    expect(doc['@graph'].filter((n: Json) => n.type === 'ai_AIPackage').map((n: Json) => n.name).sort()).toEqual(['bert-sentiment', 'evil.pkl', 'google-bert/bert-base-uncased']);
    expect(io.err).toBe('');
  });

  it('prints help, and rejects bad usage with codes', async () => {
    const io = capture();
    expect(await runSbom(['--help'], io)).toBe(0);
    expect(io.out).toBe(`${SBOM_HELP}\n`);
    expect(await code(['a', 'b'])).toBe('USAGE');
    expect(await code(['project', '--format', 'xml'])).toBe('USAGE');
    expect(await code(['project', '--spec-version', '1.5'])).toBe('USAGE');
    expect(await code(['project', '--format', 'spdx', '--spec-version', '1.7'])).toBe('USAGE');
    expect(await code(['project', '--bogus'])).toBe('USAGE');
    expect(await code(['project/pyproject.toml'])).toBe('USAGE');
    expect(await code(['missing'])).toBe('PATH_NOT_FOUND');
  });

  it('leaves nothing behind when the output cannot be written', async () => {
    expect(await code(['project', '--no-findings', '-o', 'no-such-dir/bom.json'])).toBe('OUTPUT_FAILED');
    expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
  });
});
