import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanProject, writeSampleProject } from './__fixtures__/sample-project.js';
import { buildBom, renderSpdx, SPDX_CONTEXT } from './index.js';
import { NO_ASSERTION_LICENSE } from './spdx.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Property names SPDX 3.0.1 defines for each class aigis writes (spdx-3-model, JSON-LD context names). */
const ALLOWED: Record<string, string[]> = {
  CreationInfo: ['type', '@id', 'specVersion', 'created', 'createdBy', 'createdUsing'],
  SoftwareAgent: ['type', 'spdxId', 'creationInfo', 'name'],
  Tool: ['type', 'spdxId', 'creationInfo', 'name'],
  SpdxDocument: ['type', 'spdxId', 'creationInfo', 'name', 'profileConformance', 'rootElement', 'element'],
  software_Package: ['type', 'spdxId', 'creationInfo', 'name', 'software_primaryPurpose', 'software_packageVersion', 'software_packageUrl', 'software_downloadLocation', 'verifiedUsing'],
  ai_AIPackage: ['type', 'spdxId', 'creationInfo', 'name', 'software_primaryPurpose', 'software_downloadLocation', 'ai_typeOfModel', 'ai_domain'],
  dataset_DatasetPackage: ['type', 'spdxId', 'creationInfo', 'name', 'software_primaryPurpose', 'software_downloadLocation', 'dataset_datasetType'],
  software_File: ['type', 'spdxId', 'creationInfo', 'name', 'software_primaryPurpose', 'verifiedUsing'],
  simplelicensing_LicenseExpression: ['type', 'spdxId', 'creationInfo', 'simplelicensing_licenseExpression'],
  security_Vulnerability: ['type', 'spdxId', 'creationInfo', 'name', 'description'],
  Relationship: ['type', 'spdxId', 'creationInfo', 'from', 'to', 'relationshipType'],
};
const RELATIONSHIP_TYPES = new Set(['dependsOn', 'contains', 'trainedOn', 'descendantOf', 'hasDeclaredLicense', 'hasConcludedLicense', 'hasAssociatedVulnerability']);
const PURPOSES = new Set(['application', 'library', 'model', 'data']);

let dir: string;
let doc: Json;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-spdx-'));
  writeSampleProject(dir);
  doc = renderSpdx(await buildBom(await scanProject(dir), { serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79' })) as Json;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const nodes = (type: string): Json[] => doc['@graph'].filter((n: Json) => n.type === type);
const byName = (type: string, name: string): Json => nodes(type).find((n) => n.name === name)!;
const related = (from: Json, type: string): Json[] =>
  nodes('Relationship').filter((r) => r.from === from.spdxId && r.relationshipType === type).flatMap((r) => r.to).map((id: string) => doc['@graph'].find((n: Json) => n.spdxId === id));

describe('SPDX 3.0.1 JSON-LD', () => {
  it('has the 3.0.1 context, one CreationInfo and a document naming every element', () => {
    expect(doc['@context']).toBe(SPDX_CONTEXT);
    const info = nodes('CreationInfo')[0]!;
    expect(info).toMatchObject({ '@id': '_:creationinfo', specVersion: '3.0.1', created: '2026-07-23T10:00:00Z' });
    const document = nodes('SpdxDocument')[0]!;
    const ids = doc['@graph'].filter((n: Json) => n.spdxId !== undefined && n.type !== 'SpdxDocument').map((n: Json) => n.spdxId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...document.element].sort()).toEqual([...ids].sort());
    expect(document.rootElement).toEqual([byName('software_Package', 'mlapp').spdxId]);
    expect(info.createdBy).toEqual([nodes('SoftwareAgent')[0]!.spdxId]);
    expect(document.profileConformance).toEqual(expect.arrayContaining(['core', 'software', 'ai', 'dataset']));
  });

  it('uses only SPDX 3.0.1 classes and properties, and links only to elements that exist', () => {
    const ids = new Set([...doc['@graph'].map((n: Json) => n.spdxId ?? n['@id']), NO_ASSERTION_LICENSE]);
    for (const node of doc['@graph']) {
      expect(Object.keys(ALLOWED)).toContain(node.type);
      for (const key of Object.keys(node)) expect(ALLOWED[node.type]).toContain(key);
      if (node.type !== 'CreationInfo') expect(node.creationInfo).toBe('_:creationinfo');
      if (node.software_primaryPurpose !== undefined) expect(PURPOSES.has(node.software_primaryPurpose)).toBe(true);
      for (const hash of node.verifiedUsing ?? []) expect(hash).toEqual({ type: 'Hash', algorithm: 'sha256', hashValue: expect.stringMatching(/^[0-9a-f]{64}$/) });
      if (node.type === 'Relationship') {
        expect(RELATIONSHIP_TYPES.has(node.relationshipType)).toBe(true);
        expect(ids.has(node.from)).toBe(true);
        for (const to of node.to) expect(ids.has(to)).toBe(true);
      }
    }
  });

  it('says what the CycloneDX BOM says: packages, models, datasets and their links', () => {
    const project = byName('software_Package', 'mlapp');
    expect(related(project, 'dependsOn').map((n) => n.name)).toEqual(['requests', 'torch', 'bert-sentiment', 'evil.pkl', 'imdb', 'labels.csv']);
    const requests = byName('software_Package', 'requests');
    expect(requests).toMatchObject({ software_packageVersion: '2.31.0', software_packageUrl: 'pkg:pypi/requests@2.31.0', software_primaryPurpose: 'library' });
    expect(related(requests, 'dependsOn').map((n) => n.name)).toEqual(['certifi']);
    expect(related(requests, 'hasDeclaredLicense').map((n) => n.simplelicensing_licenseExpression)).toEqual(['Apache-2.0']);
    expect(related(requests, 'hasAssociatedVulnerability').map((n) => n.name)).toEqual(['GHSA-9wx4-h78v-vm56']);

    const model = byName('ai_AIPackage', 'bert-sentiment');
    expect(model).toMatchObject({ software_primaryPurpose: 'model', ai_typeOfModel: ['bert', 'BertForSequenceClassification'], ai_domain: ['text-classification'] });
    expect(related(model, 'trainedOn').map((n) => [n.type, n.name])).toEqual([['dataset_DatasetPackage', 'imdb'], ['dataset_DatasetPackage', 'stanfordnlp/sst2']]);
    expect(related(model, 'descendantOf').map((n) => [n.type, n.software_downloadLocation])).toEqual([['ai_AIPackage', 'https://huggingface.co/google-bert/bert-base-uncased']]);
    expect(related(model, 'contains').map((n) => n.name)).toEqual(['README.md', 'config.json', 'model.safetensors', 'tokenizer.json'].map((f) => `models/bert-sentiment/${f}`));
    // AI profile conformance: exactly one declared and one concluded license per AIPackage.
    for (const ai of nodes('ai_AIPackage')) {
      expect(nodes('Relationship').filter((r) => r.from === ai.spdxId && r.relationshipType === 'hasDeclaredLicense')).toHaveLength(1);
      expect(nodes('Relationship').filter((r) => r.from === ai.spdxId && r.relationshipType === 'hasConcludedLicense').map((r) => r.to)).toEqual([[NO_ASSERTION_LICENSE]]);
    }
    expect(related(model, 'hasDeclaredLicense').map((n) => n.simplelicensing_licenseExpression)).toEqual(['Apache-2.0']);
    const imdb = byName('dataset_DatasetPackage', 'imdb');
    expect(imdb.dataset_datasetType).toEqual(['other']);
    expect(related(imdb, 'contains')).toHaveLength(2);
  });
});
