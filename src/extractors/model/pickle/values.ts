import type { PickleImport } from '../../../core/model-metadata.js';

/**
 * What the simulated unpickler keeps of each Python value: strings (truncated), small ints and booleans
 * as JS primitives, and objects only where provenance matters (imports, call results, containers).
 */
export type Value = string | number | boolean | null | Ref;

export const enum RefKind {
  Import,
  Call,
  Container,
  Opaque,
}

/** A value that an import produced directly (the class or function itself). */
export interface ImportRef {
  kind: RefKind.Import;
  imp: PickleImport;
}

/** The result of calling or instantiating something; `origin` is the import that was called, if known. */
export interface CallRef {
  kind: RefKind.Call;
  origin: PickleImport | undefined;
  args: Value;
  /** What BUILD set, if anything. */
  state?: Value;
}

export type ContainerType = 'tuple' | 'list' | 'dict' | 'set' | 'frozenset';

/** A container; only the first MAX_CONTAINER_ITEMS elements are kept (dicts as alternating key, value). */
export interface ContainerRef {
  kind: RefKind.Container;
  type: ContainerType;
  items: Value[];
  /** Elements added but not kept. */
  dropped: number;
}

export type OpaqueType = 'bytes' | 'float' | 'bigint' | 'persistent' | 'buffer' | 'unknown';

export interface OpaqueRef {
  kind: RefKind.Opaque;
  type: OpaqueType;
}

export type Ref = ImportRef | CallRef | ContainerRef | OpaqueRef;

export const MAX_CONTAINER_ITEMS = 64;
/** Characters of a string value that are kept. */
export const MAX_STRING_CHARS = 256;

const opaque = (type: OpaqueType): OpaqueRef => Object.freeze({ kind: RefKind.Opaque, type });
export const BYTES = opaque('bytes');
export const FLOAT = opaque('float');
export const BIGINT = opaque('bigint');
export const PERSISTENT = opaque('persistent');
export const BUFFER = opaque('buffer');
export const UNKNOWN = opaque('unknown');

export function container(type: ContainerType, items: Value[]): ContainerRef {
  if (items.length <= MAX_CONTAINER_ITEMS) return { kind: RefKind.Container, type, items, dropped: 0 };
  return {
    kind: RefKind.Container,
    type,
    items: items.slice(0, MAX_CONTAINER_ITEMS),
    dropped: items.length - MAX_CONTAINER_ITEMS,
  };
}

export function addItems(target: ContainerRef, items: readonly Value[], from: number, to: number): void {
  const room = Math.max(0, MAX_CONTAINER_ITEMS - target.items.length);
  const keep = Math.min(room, to - from);
  for (let i = 0; i < keep; i++) target.items.push(items[from + i] as Value);
  target.dropped += to - from - keep;
}

export function isRef(value: Value): value is Ref {
  return typeof value === 'object' && value !== null;
}

export function isContainer(value: Value, type?: ContainerType): value is ContainerRef {
  return isRef(value) && value.kind === RefKind.Container && (type === undefined || value.type === type);
}

/** The import a value's class or callable came from, looking through `copyreg._reconstructor(cls, ...)`. */
export function originOf(value: Value): PickleImport | undefined {
  if (!isRef(value)) return undefined;
  if (value.kind === RefKind.Import) return value.imp;
  if (value.kind !== RefKind.Call) return undefined;
  const origin = value.origin;
  if (origin && (origin.module === 'copyreg' || origin.module === 'copy_reg') && origin.name === '_reconstructor') {
    const first = isContainer(value.args, 'tuple') ? value.args.items[0] : undefined;
    if (first !== undefined && isRef(first) && first.kind === RefKind.Import) return first.imp;
  }
  return origin;
}

/** Looks up a string key in a kept dict; undefined when absent or not kept. */
export function dictGet(dict: ContainerRef, key: string): Value | undefined {
  for (let i = 0; i + 1 < dict.items.length; i += 2) if (dict.items[i] === key) return dict.items[i + 1];
  return undefined;
}

export function dictHas(dict: ContainerRef, key: string): boolean {
  for (let i = 0; i < dict.items.length; i += 2) if (dict.items[i] === key) return true;
  return false;
}
