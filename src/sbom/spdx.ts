import type { Hash } from '../core/component.js';
import { cardLicenses, licenseExpression } from './licenses.js';
import type { BomDocument, BomFile } from './model.js';

type Json = Record<string, unknown>;
export const SPDX_CONTEXT = 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld';
const CREATION = '_:creationinfo';
/** The SPDX individual for "no assertion is made about the license" (ExpandedLicensing), in its context name. */
export const NO_ASSERTION_LICENSE = 'expandedlicensing_NoAssertionLicense';
/** SPDX 3 HashAlgorithm vocabulary names. */
const HASH_ALG: Record<Hash['alg'], string> = { sha256: 'sha256', sha384: 'sha384', sha512: 'sha512', sha1: 'sha1', md5: 'md5', 'blake2b-256': 'blake2b256' };

/**
 * The document as SPDX 3.0.1 JSON-LD with the Software, AI and Dataset profiles: packages as
 * `software_Package`, models as `ai_AIPackage`, datasets as `dataset_DatasetPackage`, files as
 * `software_File`, and the graph as `Relationship`s (dependsOn, contains, trainedOn, descendantOf,
 * hasDeclaredLicense, hasConcludedLicense). Advisories are `security_Vulnerability` linked with hasAssociatedVulnerability.
 */
export function renderSpdx(doc: BomDocument): Json {
  const namespace = `https://spdx.org/spdxdocs/aigis/${doc.serialNumber.replace(/^urn:uuid:/, '')}#`;
  const ids = new Map<string, string>();
  let counter = 0;
  const idOf = (ref: string, kind: string) => {
    let id = ids.get(ref);
    if (id === undefined) {
      id = `${namespace}${kind}-${++counter}`;
      ids.set(ref, id);
    }
    return id;
  };
  const graph: Json[] = [];
  const base = (type: string, ref: string, kind: string, name: string): Json => ({ type, spdxId: idOf(ref, kind), creationInfo: CREATION, name });
  const verified = (list: ReadonlyArray<{ alg: Hash['alg']; value: string }>) => list.map((h) => ({ type: 'Hash', algorithm: HASH_ALG[h.alg], hashValue: h.value }));
  const relationships: Array<{ from: string; to: string[]; type: string }> = [];
  const relate = (from: string, type: string, to: string[]) => {
    if (to.length > 0) relationships.push({ from, type, to });
  };
  const declareLicense = (from: string, expression: string | undefined, required = false) => {
    if (expression === undefined) {
      if (required) relate(from, 'hasDeclaredLicense', [NO_ASSERTION_LICENSE]);
      return;
    }
    const license = { type: 'simplelicensing_LicenseExpression', spdxId: `${namespace}license-${++counter}`, creationInfo: CREATION, simplelicensing_licenseExpression: expression };
    graph.push(license);
    relate(from, 'hasDeclaredLicense', [license.spdxId]);
  };
  const files = (owner: string, list: readonly BomFile[], purpose: string) => {
    const fileIds = list.map((file) => {
      graph.push({ ...base('software_File', file.ref, 'File', file.path), verifiedUsing: verified([{ alg: 'sha256', value: file.sha256 }]), software_primaryPurpose: purpose });
      return idOf(file.ref, 'File');
    });
    relate(owner, 'contains', fileIds);
  };

  const agent = `${namespace}agent-aigis`;
  const tool = `${namespace}tool-aigis`;
  const project = doc.project;
  graph.push({
    ...base('software_Package', project.ref, 'Package', project.name),
    software_primaryPurpose: 'application',
    ...(project.version ? { software_packageVersion: project.version } : {}),
    ...(project.purl ? { software_packageUrl: project.purl } : {}),
  });
  for (const pkg of doc.packages) {
    const id = idOf(pkg.ref, 'Package');
    graph.push({
      ...base('software_Package', pkg.ref, 'Package', pkg.name),
      software_primaryPurpose: 'library',
      software_packageUrl: pkg.purl,
      ...(pkg.version ? { software_packageVersion: pkg.version } : {}),
      ...(pkg.distributions[0] ? { software_downloadLocation: pkg.distributions[0].url } : {}),
      ...(pkg.hashes.length > 0 ? { verifiedUsing: verified(pkg.hashes) } : {}),
    });
    declareLicense(id, licenseExpression(pkg.licenses));
  }
  for (const model of doc.models) {
    const id = idOf(model.ref, 'AIPackage');
    const card = model.card;
    graph.push({
      ...base('ai_AIPackage', model.ref, 'AIPackage', model.name),
      software_primaryPurpose: 'model',
      ...(model.url ? { software_downloadLocation: model.url } : {}),
      ...(card && card.architectures.length + (card.modelType ? 1 : 0) > 0 ? { ai_typeOfModel: [...(card.modelType ? [card.modelType] : []), ...card.architectures] } : {}),
      ...(card?.task ? { ai_domain: [card.task] } : {}),
    });
    // The AI profile wants exactly one declared and one concluded license per AIPackage; aigis reads what
    // the card declares and concludes nothing, so the concluded one is NoAssertion.
    declareLicense(id, licenseExpression(cardLicenses(card?.license)), true);
    relate(id, 'hasConcludedLicense', [NO_ASSERTION_LICENSE]);
    files(id, model.files, 'model');
  }
  for (const dataset of doc.datasets) {
    const id = idOf(dataset.ref, 'DatasetPackage');
    graph.push({
      ...base('dataset_DatasetPackage', dataset.ref, 'DatasetPackage', dataset.name),
      software_primaryPurpose: 'data',
      dataset_datasetType: ['other'],
      ...(dataset.url ? { software_downloadLocation: dataset.url } : {}),
    });
    files(id, dataset.files, 'data');
  }
  for (const [ref, targets] of doc.dependencies) {
    const from = ids.get(ref);
    if (from === undefined) continue;
    const to = (kind: string) => targets.filter((t) => t.startsWith(kind)).map((t) => ids.get(t)).filter((t): t is string => t !== undefined);
    if (ref.startsWith('model:')) {
      relate(from, 'trainedOn', to('dataset:'));
      relate(from, 'descendantOf', to('model:'));
    } else {
      relate(from, 'dependsOn', targets.map((t) => ids.get(t)).filter((t): t is string => t !== undefined));
    }
  }
  for (const v of doc.vulnerabilities) {
    const id = `${namespace}vulnerability-${++counter}`;
    graph.push({ type: 'security_Vulnerability', spdxId: id, creationInfo: CREATION, name: v.id, description: v.description });
    for (const affected of v.affects) {
      const from = ids.get(affected);
      if (from !== undefined) relate(from, 'hasAssociatedVulnerability', [id]);
    }
  }
  relationships.forEach((r) => graph.push({ type: 'Relationship', spdxId: `${namespace}relationship-${++counter}`, creationInfo: CREATION, from: r.from, to: r.to, relationshipType: r.type }));

  const elements = graph.map((e) => e['spdxId'] as string);
  return {
    '@context': SPDX_CONTEXT,
    '@graph': [
      { type: 'CreationInfo', '@id': CREATION, specVersion: '3.0.1', created: doc.timestamp, createdBy: [agent], createdUsing: [tool] },
      { type: 'SoftwareAgent', spdxId: agent, creationInfo: CREATION, name: 'aigis' },
      { type: 'Tool', spdxId: tool, creationInfo: CREATION, name: `${doc.tool.name} ${doc.tool.version}` },
      {
        type: 'SpdxDocument',
        spdxId: `${namespace}document`,
        creationInfo: CREATION,
        name: `${project.name}${project.version ? ` ${project.version}` : ''}`,
        profileConformance: ['core', 'software', 'simpleLicensing', 'expandedLicensing', 'ai', 'dataset', 'security'],
        rootElement: [ids.get(project.ref)],
        element: [agent, tool, ...elements],
      },
      ...graph,
    ],
  };
}
