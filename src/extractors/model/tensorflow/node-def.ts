import { payloadOf, textOf, type ProtoRange, type ProtoReader } from '../../../containers/protobuf/index.js';
import type { TensorflowNodeRef } from '../../../core/model-facts/tensorflow.js';
import type { OpRecorder } from './op-recorder.js';

/** NodeDef: name = 1, op = 2, input = 3, device = 4, attr = 5 (map<string, AttrValue>). */
const NODE_NAME = 1;
const NODE_OP = 2;
const NODE_ATTR = 5;
/** AttrValue: list = 1, s = 2, func = 10 (NameAttrList, name = 1); ListValue: s = 2. */
const ATTR_LIST = 1;
const ATTR_S = 2;
const ATTR_FUNC = 10;
const LIST_S = 2;

const MAX_NAME = 512;
const MAX_ATTR_TEXT = 256;
const MAX_ATTRS = 16;
const MAX_LIST_ITEMS = 8;
/** What an op name looks like in a registry (`Conv2D`, `_Retval`, `Addons>ResamplerGrad`, `custom.Op`). */
const OP_NAME = /^[A-Za-z_][A-Za-z0-9_>.\-/]*$/;

export interface NodeContext {
  function?: string;
  metaGraph?: number;
}

/**
 * Reads one NodeDef into the recorder. Returns false when the message is not a NodeDef (no op, an op that
 * is not a name, fields of the wrong wire type): a sign that the file is some other protobuf.
 */
export function readNodeDef(reader: ProtoReader, range: ProtoRange, depth: number, where: NodeContext, recorder: OpRecorder): boolean {
  let name = '';
  let op: string | undefined;
  const attrs: ProtoRange[] = [];
  for (const field of reader.fields(range, depth)) {
    if (field.number === NODE_NAME || field.number === NODE_OP) {
      const text = textOf(reader, field, MAX_NAME);
      if (text === undefined) return false;
      if (field.number === NODE_NAME) name = text;
      else op = text;
    } else if (field.number === NODE_ATTR) {
      const payload = payloadOf(field);
      if (payload === undefined) return false;
      if (attrs.length < MAX_ATTRS) attrs.push(payload);
    }
  }
  if (reader.error || op === undefined || !OP_NAME.test(op)) return false;
  const node: TensorflowNodeRef = { name };
  if (where.function !== undefined) node.function = where.function;
  if (where.metaGraph !== undefined) node.metaGraph = where.metaGraph;
  if (recorder.wantsNode(op)) {
    const values = stringAttrs(reader, attrs, depth + 1);
    if (Object.keys(values).length > 0) node.attrs = values;
  }
  recorder.add(op, node);
  return true;
}

/** The string, string-list and function-name attributes of a node (map entries: key = 1, value = 2). */
function stringAttrs(reader: ProtoReader, entries: ProtoRange[], depth: number): Record<string, string> {
  const values: Record<string, string> = {};
  for (const entry of entries) {
    let key: string | undefined;
    let value: string | undefined;
    for (const field of reader.fields(entry, depth)) {
      if (field.number === 1) key = textOf(reader, field, MAX_NAME);
      else if (field.number === 2 && field.payload) value = attrText(reader, field.payload, depth + 1);
    }
    if (key !== undefined && value !== undefined) values[key] = value;
  }
  return values;
}

function attrText(reader: ProtoReader, range: ProtoRange, depth: number): string | undefined {
  for (const field of reader.fields(range, depth)) {
    if (field.number === ATTR_S) return textOf(reader, field, MAX_ATTR_TEXT);
    if (field.number === ATTR_FUNC && field.payload) return firstText(reader, field.payload, depth + 1, 1);
    if (field.number === ATTR_LIST && field.payload) {
      const items: string[] = [];
      for (const item of reader.fields(field.payload, depth + 1)) {
        if (item.number !== LIST_S || items.length >= MAX_LIST_ITEMS) continue;
        items.push(textOf(reader, item, MAX_ATTR_TEXT) ?? '');
      }
      return items.length > 0 ? items.join(',') : undefined;
    }
  }
  return undefined;
}

/** The first string field `number` of a message (a name inside NameAttrList, OpDef...). */
export function firstText(reader: ProtoReader, range: ProtoRange, depth: number, number: number): string | undefined {
  for (const field of reader.fields(range, depth)) {
    if (field.number === number) return textOf(reader, field, MAX_NAME);
  }
  return undefined;
}
