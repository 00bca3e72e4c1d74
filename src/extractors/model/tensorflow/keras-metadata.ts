import { payloadOf, textOf, type ProtoRange, type ProtoReader } from '../../../containers/protobuf/index.js';
import type { TensorflowKerasObject } from '../../../core/model-facts/tensorflow.js';

/** SavedMetadata: nodes = 1. SavedObject: node_id = 2, node_path = 3, identifier = 4, metadata = 5 (JSON). */
const METADATA_NODES = 1;
const OBJECT_NODE_PATH = 3;
const OBJECT_IDENTIFIER = 4;
const OBJECT_METADATA = 5;

const MAX_JSON_BYTES = 4 * 1024 * 1024;
const MAX_TOTAL_JSON_BYTES = 32 * 1024 * 1024;
const MAX_OBJECTS = 1024;
const MAX_JSON_DEPTH = 64;
const MAX_TEXT = 512;

export interface KerasMetadataWalk {
  objects: TensorflowKerasObject[];
  nodes: number;
  mismatches: number;
  truncated: boolean;
}

/** Reads keras_metadata.pb: each saved object's identifier and the Keras classes its JSON config names. */
export function readKerasMetadata(reader: ProtoReader, range: ProtoRange): KerasMetadataWalk {
  const walk: KerasMetadataWalk = { objects: [], nodes: 0, mismatches: 0, truncated: false };
  let jsonBudget = MAX_TOTAL_JSON_BYTES;
  for (const field of reader.fields(range, 0)) {
    if (field.number !== METADATA_NODES) continue;
    const payload = payloadOf(field);
    if (payload === undefined) {
      walk.mismatches++;
      continue;
    }
    walk.nodes++;
    let nodePath = '';
    let identifier = '';
    let metadata: ProtoRange | undefined;
    for (const part of reader.fields(payload, 1)) {
      if (part.number === OBJECT_NODE_PATH) nodePath = textOf(reader, part, MAX_TEXT) ?? '';
      else if (part.number === OBJECT_IDENTIFIER) identifier = textOf(reader, part, MAX_TEXT) ?? '';
      else if (part.number === OBJECT_METADATA) metadata = payloadOf(part);
    }
    if (metadata === undefined) continue;
    const length = metadata.end - metadata.start;
    if (length > MAX_JSON_BYTES || length > jsonBudget) {
      walk.truncated = true;
      continue;
    }
    jsonBudget -= length;
    const json = parseJson(reader.text(metadata, MAX_JSON_BYTES));
    if (json === undefined) {
      walk.mismatches++;
      continue;
    }
    collectLayers(json, nodePath, identifier, walk, 0);
  }
  return walk;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cut(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}...` : text;
}

/** Every `{class_name, config}` object in the JSON (layers nest inside models), bounded in depth and count. */
function collectLayers(value: unknown, nodePath: string, identifier: string, walk: KerasMetadataWalk, depth: number): void {
  if (depth > MAX_JSON_DEPTH) {
    walk.truncated = true;
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectLayers(item, nodePath, identifier, walk, depth + 1);
    return;
  }
  if (!isRecord(value)) return;
  const className = value['class_name'];
  if (typeof className === 'string') addObject(value, className, nodePath, identifier, walk);
  for (const child of Object.values(value)) collectLayers(child, nodePath, identifier, walk, depth + 1);
}

function addObject(value: Record<string, unknown>, className: string, nodePath: string, identifier: string, walk: KerasMetadataWalk): void {
  const config = isRecord(value['config']) ? value['config'] : {};
  const name = cut(config['name'] ?? value['name']);
  if (walk.objects.some((o) => o.className === className && o.name === name && o.nodePath === nodePath)) return;
  if (walk.objects.length >= MAX_OBJECTS) {
    walk.truncated = true;
    return;
  }
  const object: TensorflowKerasObject = { nodePath, identifier, className: cut(className) ?? '' };
  if (name !== undefined) object.name = name;
  const fn = cut(config['function']);
  if (fn !== undefined) object.function = fn;
  const module = cut(config['module'] ?? value['module']);
  if (module !== undefined) object.module = module;
  walk.objects.push(object);
}
