import { existsSync, lstatSync } from 'node:fs';
import { posix, join } from 'node:path';
import type { Component } from '../core/component.js';
import { hashFiles } from '../provenance/hashing/index.js';
import { isPlainFile, listFiles } from './list-files.js';
import { readModelCard } from './model-card.js';
import type { BomDataset, BomFile, BomModel } from './model.js';

/** Folders at the project root whose entries are datasets. */
const DATASET_FOLDERS = ['data', 'datasets'];
/** Formats that describe a model folder rather than hold weights: never a model on their own. */
const NOT_WEIGHTS = new Set(['hub-config', 'hub-code', 'chat-template', 'safetensors-index']);
const LIST = { maxFiles: 10_000, maxDepth: 16 };
const HUB_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,95})?$/;

export interface Artifacts {
  models: BomModel[];
  datasets: BomDataset[];
  /** Model ref -> dataset and base-model refs. */
  edges: Map<string, string[]>;
  /** Relative file path -> the ref a finding about it affects. */
  refByPath: Map<string, string>;
}

const isUnder = (path: string, folder: string) => folder === '.' || path === folder || path.startsWith(`${folder}/`);

async function hashed(root: string, paths: readonly string[], formats: ReadonlyMap<string, string>): Promise<BomFile[]> {
  const digests = await hashFiles(paths.map((p) => join(root, p)));
  return paths.map((path) => {
    const digest = digests.get(join(root, path))!;
    return { ref: `file:${path}`, path, sha256: digest.sha256, size: digest.size, ...(formats.has(path) ? { format: formats.get(path)! } : {}) };
  });
}

/**
 * Models and datasets of the project, every file hashed: a folder with a Hugging Face `config.json` is one
 * model whose files are listed one by one; any other model file is a model of its own; each entry of a
 * root `data/` or `datasets/` folder is a dataset. Datasets and base models a model card names become
 * edges, to the local dataset of that name when there is one, else to a component naming the Hub id.
 */
export async function buildArtifacts(root: string, components: readonly Component[]): Promise<Artifacts> {
  const modelFiles = components.filter((c) => c.kind === 'model' && c.metadata.type === 'model-file' && c.locations[0] !== undefined);
  const formats = new Map(modelFiles.map((c) => [c.locations[0]!.path, c.metadata.type === 'model-file' ? c.metadata.format : '']));
  const datasetRoots = DATASET_FOLDERS.filter((f) => existsSync(join(root, f)) && lstatSync(join(root, f)).isDirectory());
  const inDatasets = (path: string) => datasetRoots.some((f) => isUnder(path, f));

  const folders = [...new Set(modelFiles.filter((c) => c.metadata.type === 'model-file' && c.metadata.hub?.role === 'config.json').map((c) => posix.dirname(c.locations[0]!.path)))]
    .filter((f) => !inDatasets(f))
    .sort();
  const models: BomModel[] = [];
  const refByPath = new Map<string, string>();
  for (const folder of folders) {
    const nested = new Set(folders.filter((f) => f !== folder && isUnder(f, folder)));
    const { files } = listFiles(root, folder, { ...LIST, skip: nested });
    const card = readModelCard(join(root, folder, 'config.json'), isPlainFile(join(root, folder, 'README.md')) ? join(root, folder, 'README.md') : undefined);
    const ref = `model:${folder}`;
    models.push({ ref, name: folder === '.' ? posix.basename(root) : posix.basename(folder), path: folder, files: await hashed(root, files, formats), ...(card ? { card } : {}) });
    for (const file of files) refByPath.set(file, `file:${file}`);
  }
  const inFolders = (path: string) => folders.some((f) => isUnder(path, f));
  for (const component of modelFiles) {
    const path = component.locations[0]!.path;
    const format = formats.get(path)!;
    if (NOT_WEIGHTS.has(format) || inDatasets(path) || inFolders(path) || !isPlainFile(join(root, path))) continue;
    const ref = `model:${path}`;
    models.push({ ref, name: posix.basename(path), path, files: await hashed(root, [path], formats) });
    refByPath.set(path, ref);
  }

  const datasets: BomDataset[] = [];
  for (const folder of datasetRoots) {
    const { files } = listFiles(root, folder, LIST);
    const units = [...new Set(files.map((f) => f.split('/').slice(0, 2).join('/')))];
    for (const unit of units) {
      const unitFiles = files.filter((f) => isUnder(f, unit));
      const ref = `dataset:${unit}`;
      datasets.push({ ref, name: posix.basename(unit), path: unit, files: await hashed(root, unitFiles, formats) });
      for (const file of unitFiles) refByPath.set(file, unitFiles.length === 1 && file === unit ? ref : `file:${file}`);
    }
  }

  const edges = linkCards(models, datasets);
  models.sort(byRef);
  datasets.sort(byRef);
  return { models, datasets, edges, refByPath };
}

function byRef(a: { ref: string }, b: { ref: string }): number {
  return a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0;
}

function linkCards(models: BomModel[], datasets: BomDataset[]): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  const remoteModels = new Map<string, BomModel>();
  const local = <T extends { name: string; ref: string; path?: string }>(id: string, items: readonly T[]): T | undefined => {
    const last = id.split('/').at(-1)!.toLowerCase();
    return items.find((item) => item.path !== undefined && (item.name.toLowerCase() === last || item.name.toLowerCase().replace(/\.[^.]+$/, '') === last));
  };
  for (const model of [...models]) {
    const targets: string[] = [];
    for (const id of model.card?.datasets ?? []) {
      if (!HUB_ID.test(id)) continue;
      let dataset: BomDataset | undefined = local(id, datasets);
      if (!dataset) {
        const ref = `dataset:hf:${id}`;
        dataset = datasets.find((d) => d.ref === ref);
        if (!dataset) {
          dataset = { ref, name: id, url: `https://huggingface.co/datasets/${id}`, files: [] };
          datasets.push(dataset);
        }
      }
      if (!targets.includes(dataset.ref)) targets.push(dataset.ref);
    }
    for (const id of model.card?.baseModels ?? []) {
      if (!HUB_ID.test(id)) continue;
      let base: BomModel | undefined = local(id, models.filter((m) => m !== model));
      if (!base) {
        base = remoteModels.get(id);
        if (!base) {
          base = { ref: `model:hf:${id}`, name: id, url: `https://huggingface.co/${id}`, files: [] };
          remoteModels.set(id, base);
          models.push(base);
        }
      }
      if (!targets.includes(base.ref)) targets.push(base.ref);
    }
    if (targets.length > 0) edges.set(model.ref, targets.sort());
  }
  return edges;
}
