import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../core/report.js';
import { cycloneDxValidator, readFixture } from './__fixtures__/cyclonedx-validator.js';
import { scanProject, TORCH_WHEEL_SHA, writeSampleProject } from './__fixtures__/sample-project.js';
import { buildBom, renderCycloneDx } from './index.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let dir: string;
let suppressedReport: ScanReport;
let activeReport: ScanReport;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-sbom-'));
  writeSampleProject(dir);
  suppressedReport = await scanProject(dir, [{ path: 'models/evil.pkl', reason: 'kept as a scanner test sample, never loaded' }]);
  activeReport = await scanProject(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SERIAL = 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79';
async function bom(report: ScanReport, version: '1.6' | '1.7' = '1.6'): Promise<Json> {
  return renderCycloneDx(await buildBom(report, { serialNumber: SERIAL }), version) as Json;
}
const sha256 = (path: string) => createHash('sha256').update(readFileSync(join(dir, path))).digest('hex');
const component = (b: Json, ref: string): Json => b.components.find((c: Json) => c['bom-ref'] === ref);
const dependsOn = (b: Json, ref: string): string[] => b.dependencies.find((d: Json) => d.ref === ref)?.dependsOn;

describe('CycloneDX rendering', () => {
  it('the validator accepts and rejects what the specification test vectors say', () => {
    const v16 = cycloneDxValidator('1.6');
    expect(v16(readFixture('valid-machine-learning-1.6.json'))).toBe(true);
    expect(v16(readFixture('valid-component-data-1.6.json'))).toBe(true);
    expect(v16(readFixture('sample-mlbom-1.6-built-with-cyclonedx-library.json'))).toBe(true);
    expect(v16(readFixture('invalid-hash-alg-1.6.json'))).toBe(false);
  });

  it.each(['1.6', '1.7'] as const)('validates against the official %s schema, with and without suppressions', async (version) => {
    const validate = cycloneDxValidator(version);
    for (const report of [suppressedReport, activeReport]) {
      const b = await bom(report, version);
      const ok = validate(b);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
      expect(b.specVersion).toBe(version);
      expect(b.$schema).toBe(`http://cyclonedx.org/schema/bom-${version}.schema.json`);
    }
  });

  it('lists packages with purl, lockfile hashes, installed licenses and the index they come from', async () => {
    const b = await bom(suppressedReport);
    expect(b.serialNumber).toBe(SERIAL);
    expect(b.metadata.timestamp).toBe('2026-07-23T10:00:00Z');
    expect(b.metadata.tools.components).toEqual([{ type: 'application', name: 'aigis', version: '9.9.9' }]);
    expect(b.metadata.component).toEqual({ type: 'application', 'bom-ref': 'pkg:pypi/mlapp@1.2.0', name: 'mlapp', version: '1.2.0', purl: 'pkg:pypi/mlapp@1.2.0' });
    const requests = component(b, 'pkg:pypi/requests@2.31.0');
    expect(requests).toMatchObject({ type: 'library', name: 'requests', version: '2.31.0', scope: 'required', purl: 'pkg:pypi/requests@2.31.0', licenses: [{ expression: 'Apache-2.0' }] });
    expect(requests.hashes).toEqual([{ alg: 'SHA-256', content: '58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f' }]);
    expect(component(b, 'pkg:pypi/certifi@2024.2.2').licenses).toEqual([{ license: { id: 'MPL-2.0' } }]);
    expect(component(b, 'pkg:pypi/certifi@2024.2.2').scope).toBeUndefined();
    const torch = component(b, 'pkg:pypi/torch@2.5.0%2Bcpu');
    expect(torch.purl).toBe('pkg:pypi/torch@2.5.0%2Bcpu?repository_url=https://download.pytorch.org/whl/cpu');
    expect(torch.externalReferences).toContainEqual({ type: 'distribution', url: 'https://download.pytorch.org/whl/cpu', comment: 'package index' });
    expect(torch.hashes).toEqual([{ alg: 'SHA-256', content: TORCH_WHEEL_SHA }]);
    // The project's own uv.lock entry is the root, not a library.
    expect(b.components.filter((c: Json) => c.name === 'mlapp')).toEqual([]);
  });

  it('describes a model folder file by file with its card, a lone pickle with its hash, and datasets', async () => {
    const b = await bom(suppressedReport);
    const model = component(b, 'model:models/bert-sentiment');
    expect(model.type).toBe('machine-learning-model');
    expect(model.licenses).toEqual([{ license: { id: 'Apache-2.0' } }]);
    expect(model.components.map((f: Json) => [f.name, f.hashes[0].content])).toEqual(
      ['README.md', 'config.json', 'model.safetensors', 'tokenizer.json'].map((f) => [`models/bert-sentiment/${f}`, sha256(`models/bert-sentiment/${f}`)]),
    );
    expect(model.modelCard.modelParameters).toEqual({
      task: 'text-classification',
      architectureFamily: 'bert',
      modelArchitecture: 'BertForSequenceClassification',
      datasets: [{ ref: 'dataset:data/imdb' }, { ref: 'dataset:hf:stanfordnlp/sst2' }],
    });
    expect(model.modelCard.properties).toContainEqual({ name: 'aigis:language', value: 'en' });
    expect(component(b, 'model:models/evil.pkl').hashes).toEqual([{ alg: 'SHA-256', content: sha256('models/evil.pkl') }]);
    expect(component(b, 'model:hf:google-bert/bert-base-uncased').externalReferences).toEqual([{ type: 'distribution', url: 'https://huggingface.co/google-bert/bert-base-uncased' }]);

    const imdb = component(b, 'dataset:data/imdb');
    expect(imdb.data).toEqual([{ type: 'dataset', name: 'imdb', contents: { url: 'data/imdb' } }]);
    expect(imdb.components.map((f: Json) => f.hashes[0].content)).toEqual([sha256('data/imdb/test.csv'), sha256('data/imdb/train.csv')]);
    expect(component(b, 'dataset:data/labels.csv').hashes).toEqual([{ alg: 'SHA-256', content: sha256('data/labels.csv') }]);
    expect(component(b, 'dataset:hf:stanfordnlp/sst2').data[0].contents.url).toBe('https://huggingface.co/datasets/stanfordnlp/sst2');
  });

  it('links the project to its direct packages, models and data, packages to theirs, models to datasets and base model', async () => {
    const b = await bom(suppressedReport);
    expect(dependsOn(b, 'pkg:pypi/mlapp@1.2.0')).toEqual([
      'pkg:pypi/requests@2.31.0', 'pkg:pypi/torch@2.5.0%2Bcpu',
      'model:models/bert-sentiment', 'model:models/evil.pkl', 'dataset:data/imdb', 'dataset:data/labels.csv',
    ]);
    expect(dependsOn(b, 'pkg:pypi/requests@2.31.0')).toEqual(['pkg:pypi/certifi@2024.2.2']);
    expect(dependsOn(b, 'model:models/bert-sentiment')).toEqual(['dataset:data/imdb', 'dataset:hf:stanfordnlp/sst2', 'model:hf:google-bert/bert-base-uncased']);
    const refs = new Set(b.components.map((c: Json) => c['bom-ref']));
    for (const d of b.dependencies) for (const target of d.dependsOn) expect(refs.has(target)).toBe(true);
  });

  it('reports the OSV advisory with its alias and CVSS rating, and a suppressed model finding as not_affected', async () => {
    const b = await bom(suppressedReport);
    const advisory = b.vulnerabilities.find((v: Json) => v.id === 'GHSA-9wx4-h78v-vm56');
    expect(advisory).toMatchObject({
      source: { name: 'OSV', url: 'https://osv.dev/vulnerability/GHSA-9wx4-h78v-vm56' },
      references: [{ id: 'CVE-2024-35195', source: { name: 'OSV' } }],
      affects: [{ ref: 'pkg:pypi/requests@2.31.0' }],
    });
    expect(advisory.ratings[0]).toMatchObject({ source: { name: 'OSV' }, severity: 'medium', method: 'CVSSv31', vector: 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:H/I:H/A:N' });
    expect(advisory.analysis).toBeUndefined();
    const pickle = b.vulnerabilities.filter((v: Json) => v.affects?.[0]?.ref === 'model:models/evil.pkl');
    expect(pickle.length).toBeGreaterThan(0);
    for (const v of pickle) {
      expect(v.source).toEqual({ name: 'aigis' });
      expect(v.analysis).toEqual({ state: 'not_affected', detail: 'Suppressed in the aigis configuration: kept as a scanner test sample, never loaded' });
    }
    const active = (await bom(activeReport)).vulnerabilities.filter((v: Json) => v.affects?.[0]?.ref === 'model:models/evil.pkl');
    expect(active.some((v: Json) => v.ratings[0].severity === 'critical' && v.analysis === undefined)).toBe(true);
    // Hygiene findings (a range in pyproject that a lockfile pins) are not vulnerabilities.
    expect(b.vulnerabilities.some((v: Json) => String(v.id).startsWith('pinning/'))).toBe(false);
  });

  it('keeps every bom-ref stable across runs', async () => {
    const strip = (b: Json) => JSON.stringify({ ...b, serialNumber: undefined, metadata: undefined });
    const again = await scanProject(dir, [{ path: 'models/evil.pkl', reason: 'kept as a scanner test sample, never loaded' }]);
    expect(strip(renderCycloneDx(await buildBom(again)) as Json)).toBe(strip(await bom(suppressedReport)));
  });
});
