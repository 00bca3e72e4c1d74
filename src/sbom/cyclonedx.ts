import type { Hash } from '../core/component.js';
import { cardLicenses } from './licenses.js';
import type { BomDataset, BomDocument, BomFile, BomLicense, BomModel, BomPackage, BomVulnerability } from './model.js';

export type CycloneDxSpecVersion = '1.6' | '1.7';
type Json = Record<string, unknown>;

const HASH_ALG: Record<Hash['alg'], string> = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512', sha1: 'SHA-1', md5: 'MD5', 'blake2b-256': 'BLAKE2b-256' };
/** CycloneDX hash content: hex of 32, 40, 64, 96 or 128 digits. */
const HASH_CONTENT = /^([a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{64}|[a-f0-9]{96}|[a-f0-9]{128})$/;

function hashes(list: readonly Hash[]): Json[] {
  return list.filter((h) => HASH_CONTENT.test(h.value)).map((h) => ({ alg: HASH_ALG[h.alg], content: h.value }));
}

function licenses(list: readonly BomLicense[]): Json[] {
  const expression = list.find((l): l is { expression: string } => 'expression' in l);
  if (expression) return [{ expression: expression.expression }];
  return list.map((l) => ({ license: 'id' in l ? { id: l.id } : { name: (l as { name: string }).name } }));
}

const property = (name: string, value: string) => ({ name, value });
function optional<T>(key: string, value: T | undefined, keep: (v: T) => boolean = () => true): Json {
  return value !== undefined && keep(value) ? { [key]: value } : {};
}
const nonEmpty = (v: readonly unknown[]): boolean => v.length > 0;
const hasKeys = (v: Json): boolean => Object.keys(v).length > 0;

function packageComponent(pkg: BomPackage): Json {
  const properties = pkg.foundIn.map((path) => property('aigis:foundIn', path));
  const external = [
    ...pkg.distributions.map((d) => ({ type: 'distribution', url: d.url, ...optional('hashes', hashes(d.hashes), nonEmpty) })),
    ...(pkg.index === undefined ? [] : [{ type: 'distribution', url: pkg.index, comment: 'package index' }]),
  ];
  return {
    type: 'library',
    'bom-ref': pkg.ref,
    name: pkg.name,
    ...optional('version', pkg.version),
    ...optional('scope', pkg.direct ? 'required' : undefined),
    ...optional('hashes', hashes(pkg.hashes), nonEmpty),
    ...optional('licenses', licenses(pkg.licenses), nonEmpty),
    purl: pkg.purl,
    ...optional('externalReferences', external, nonEmpty),
    ...optional('properties', properties, nonEmpty),
  };
}

function fileComponent(file: BomFile): Json {
  return {
    type: 'file',
    'bom-ref': file.ref,
    name: file.path,
    hashes: [{ alg: 'SHA-256', content: file.sha256 }],
    properties: [property('aigis:size', String(file.size)), ...(file.format ? [property('aigis:format', file.format)] : [])],
  };
}

/** A one-file model or dataset carries its hash itself; a folder lists its files as nested components. */
function contents(ref: string, files: readonly BomFile[]): Json {
  const [only] = files;
  if (files.length === 1 && only && ref.endsWith(only.path)) {
    return { hashes: [{ alg: 'SHA-256', content: only.sha256 }], properties: [property('aigis:size', String(only.size)), ...(only.format ? [property('aigis:format', only.format)] : [])] };
  }
  return files.length > 0 ? { components: files.map(fileComponent) } : {};
}

function modelComponent(model: BomModel, datasetRefs: readonly string[]): Json {
  const card = model.card;
  const parameters: Json = {
    ...optional('task', card?.task),
    ...optional('architectureFamily', card?.modelType),
    ...optional('modelArchitecture', card?.architectures[0]),
    ...optional('datasets', datasetRefs.map((ref) => ({ ref })), nonEmpty),
  };
  const cardProperties = [
    ...(card?.architectures ?? []).map((a) => property('aigis:architecture', a)),
    ...(card?.languages ?? []).map((l) => property('aigis:language', l)),
    ...(card?.tags ?? []).map((t) => property('aigis:tag', t)),
    ...(card?.baseModels ?? []).map((b) => property('aigis:baseModel', b)),
    ...(card?.libraryName ? [property('aigis:libraryName', card.libraryName)] : []),
  ];
  const modelCard = { ...optional('modelParameters', parameters, hasKeys), ...optional('properties', cardProperties, nonEmpty) };
  return {
    type: 'machine-learning-model',
    'bom-ref': model.ref,
    name: model.name,
    ...optional('licenses', licenses(cardLicenses(card?.license)), nonEmpty),
    ...(model.url ? { externalReferences: [{ type: 'distribution', url: model.url }] } : {}),
    ...contents(model.ref, model.files),
    ...optional('modelCard', modelCard, hasKeys),
    ...(model.path === undefined ? {} : { properties: [property('aigis:path', model.path)] }),
  };
}

function dataComponent(dataset: BomDataset): Json {
  const url = dataset.url ?? dataset.path;
  return {
    type: 'data',
    'bom-ref': dataset.ref,
    name: dataset.name,
    ...(dataset.url ? { externalReferences: [{ type: 'distribution', url: dataset.url }] } : {}),
    ...contents(dataset.ref, dataset.files),
    data: [{ type: 'dataset', name: dataset.name, ...(url ? { contents: { url } } : {}) }],
  };
}

function vulnerability(v: BomVulnerability): Json {
  return {
    'bom-ref': v.ref,
    id: v.id,
    source: v.source,
    ...optional('references', v.aliases.map((alias) => ({ id: alias, source: { name: 'OSV', url: `https://osv.dev/vulnerability/${encodeURIComponent(alias)}` } })), nonEmpty),
    ratings: v.ratings.map((r) => ({ source: { name: r.source }, severity: r.severity, ...optional('score', r.score), ...optional('method', r.method), ...optional('vector', r.vector) })),
    description: v.description,
    ...optional('recommendation', v.recommendation),
    ...optional('analysis', v.analysis),
    ...optional('affects', v.affects.map((ref) => ({ ref })), nonEmpty),
    properties: v.fingerprints.map((f) => property('aigis:fingerprint', f)),
  };
}

/** The document as CycloneDX 1.6 or 1.7 JSON (both schemas accept the same shape for what aigis writes). */
export function renderCycloneDx(doc: BomDocument, specVersion: CycloneDxSpecVersion = '1.6'): Json {
  const project = doc.project;
  return {
    $schema: `http://cyclonedx.org/schema/bom-${specVersion}.schema.json`,
    bomFormat: 'CycloneDX',
    specVersion,
    serialNumber: doc.serialNumber,
    version: 1,
    metadata: {
      timestamp: doc.timestamp,
      tools: { components: [{ type: 'application', name: doc.tool.name, version: doc.tool.version }] },
      component: { type: 'application', 'bom-ref': project.ref, name: project.name, ...optional('version', project.version), ...optional('purl', project.purl) },
    },
    components: [
      ...doc.packages.map(packageComponent),
      ...doc.models.map((m) => modelComponent(m, (doc.dependencies.get(m.ref) ?? []).filter((ref) => ref.startsWith('dataset:')))),
      ...doc.datasets.map(dataComponent),
    ],
    dependencies: [...doc.dependencies].map(([ref, dependsOn]) => ({ ref, dependsOn })),
    ...optional('vulnerabilities', doc.vulnerabilities.map(vulnerability), nonEmpty),
  };
}
