import { posix } from 'node:path';
import type { SiblingResolver } from '../../../core/extractor.js';
import type { OnnxExternalTensor, OnnxLocationPlacement } from '../../../core/model-facts/onnx.js';
import type { ExternalTensorRef } from './graph.js';
import { expectedBytes } from './tensor.js';

/** The folder of a root-relative path, '' at the root. */
function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * Where onnx.load would read `location` from: it joins the location to the model's folder. Backslashes are
 * separators on Windows, so they count as such here.
 */
export function placeLocation(modelPath: string, location: string): { placement: OnnxLocationPlacement; resolvedPath?: string } {
  if (location === '' || location.includes('\0')) return { placement: 'invalid' };
  const unified = location.replace(/\\/g, '/');
  if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified) || /^[a-z][a-z0-9+.-]*:\/\//i.test(unified)) return { placement: 'absolute' };
  const folder = folderOf(modelPath);
  const relative = posix.normalize(unified);
  if (relative === '..' || relative.startsWith('../')) return { placement: 'escapes-folder' };
  const resolvedPath = folder === '' ? relative : `${folder}/${relative}`;
  return { placement: 'inside', resolvedPath };
}

function toInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,16}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/** One file's presence and size, asked once per location. */
function fileInfo(siblings: SiblingResolver, path: string): { state: 'present' | 'missing' | 'unresolvable'; size?: number } {
  const opened = siblings.open(path);
  if (opened) return { state: 'present', size: opened.size };
  const name = path.slice(path.lastIndexOf('/') + 1);
  return siblings.list(folderOf(path) || '.').includes(name) ? { state: 'unresolvable' } : { state: 'missing' };
}

/** Resolves every external tensor's location against the tree, through the sibling resolver only. */
export function resolveExternal(modelPath: string, refs: readonly ExternalTensorRef[], siblings: SiblingResolver): OnnxExternalTensor[] {
  const files = new Map<string, ReturnType<typeof fileInfo>>();
  return refs.map(({ tensor, graph }) => {
    const location = tensor.entries['location'] ?? '';
    const placed = placeLocation(modelPath, location);
    const record: OnnxExternalTensor = { tensor: tensor.name, graph, location, placement: placed.placement };
    const offset = toInt(tensor.entries['offset']);
    const length = toInt(tensor.entries['length']);
    if (offset !== undefined) record.offset = offset;
    if (length !== undefined) record.length = length;
    if (tensor.entries['checksum'] !== undefined) record.checksum = tensor.entries['checksum'];
    const expected = expectedBytes(tensor.dataType, tensor.dims);
    if (expected !== undefined) record.expectedBytes = expected;
    if (placed.resolvedPath !== undefined) {
      record.resolvedPath = placed.resolvedPath;
      let info = files.get(placed.resolvedPath);
      if (info === undefined) {
        info = fileInfo(siblings, placed.resolvedPath);
        files.set(placed.resolvedPath, info);
      }
      record.fileState = info.state;
      if (info.size !== undefined) record.fileSize = info.size;
    }
    return record;
  });
}
