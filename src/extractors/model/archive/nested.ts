import type { ByteSource } from '../../../core/bytes.js';
import type { Component } from '../../../core/component.js';
import type { Diagnostic } from '../../../core/diagnostic.js';
import type { ExtractContext, FileInput, SiblingResolver } from '../../../core/extractor.js';
import type { Relationship } from '../../../core/inventory.js';

const HEAD_BYTES = 64 * 1024;
const STREAM_SUFFIX = / ?\(\w+ stream\)$/;
const COMPRESSION_SUFFIX = /\.(?:gz|bz2|xz|lzma|z)$/i;
const TAR_SHORTHAND: Record<string, string> = { '.tgz': '.tar', '.tbz2': '.tar', '.txz': '.tar' };

/** Members of one tar or 7z folder, by their raw name inside the file, so a nested file can read its neighbours. */
export type MemberSources = ReadonlyMap<string, ByteSource>;

function stripCompression(name: string): string | undefined {
  for (const [short, long] of Object.entries(TAR_SHORTHAND)) if (name.toLowerCase().endsWith(short)) return name.slice(0, -short.length) + long;
  return COMPRESSION_SUFFIX.test(name) ? name.replace(COMPRESSION_SUFFIX, '') : undefined;
}

/**
 * The member path a nested file is reported under, without the `(gzip stream)` pseudo-members: a stream
 * that further members follow is dropped; a stream that is the member itself takes the name of what was
 * compressed (`tokenizer_config.json.gz` holds `tokenizer_config.json`), or keeps its pseudo-name.
 */
export function memberPath(filePath: string, rawName: string): string {
  const segments = rawName.split('/');
  const out: string[] = [];
  segments.forEach((segment, index) => {
    let own = segment;
    let streams = 0;
    while (STREAM_SUFFIX.test(own)) {
      own = own.replace(STREAM_SUFFIX, '');
      streams++;
    }
    if (own !== '') out.push(own);
    if (streams === 0 || index < segments.length - 1) return;
    let inner: string | undefined = own !== '' ? own : (filePath.split('/').pop() ?? '');
    for (let i = 0; i < streams && inner !== undefined; i++) inner = stripCompression(inner);
    out.push(inner ?? segment.slice(segment.lastIndexOf('(')));
  });
  return out.join('/');
}

/** A resolver over the members next to a nested file (same tar or 7z folder); it sees nothing else. */
function memberResolver(filePath: string, members: MemberSources | undefined): SiblingResolver {
  const byPath = new Map<string, ByteSource>();
  for (const [raw, source] of members ?? []) byPath.set(`${filePath}!/${memberPath(filePath, raw)}`, source);
  const resolver: SiblingResolver = {
    exists: (path) => byPath.has(path),
    list(path) {
      const prefix = path.endsWith('/') ? path : `${path}/`;
      const names = new Set<string>();
      for (const key of byPath.keys()) if (key.startsWith(prefix)) names.add(key.slice(prefix.length).split('/')[0]!);
      return [...names].sort();
    },
    open(path) {
      const source = byPath.get(path);
      return source === undefined ? undefined : { path, size: source.size, head: source.read(0, HEAD_BYTES), source, siblings: resolver };
    },
  };
  return resolver;
}

/**
 * Hands the members model/archive does not read itself to the extractors of their formats (through the
 * scan's `extractNested`), and keeps what they return.
 */
export class NestedMembers {
  readonly components: Component[] = [];
  readonly relationships: Relationship[] = [];
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly filePath: string,
    private readonly ctx: ExtractContext,
  ) {}

  get available(): boolean {
    return this.ctx.extractNested !== undefined;
  }

  /** Returns true when some extractor read the member. `nesting` counts the containers around it. */
  dispatch(source: ByteSource, rawName: string, nesting: number, skip: readonly string[], members: MemberSources | undefined): boolean {
    if (this.ctx.extractNested === undefined) return false;
    const path = `${this.filePath}!/${memberPath(this.filePath, rawName)}`;
    const file: FileInput = { path, size: source.size, head: source.read(0, HEAD_BYTES), source, siblings: memberResolver(this.filePath, members) };
    const result = this.ctx.extractNested(file, { nesting, skip });
    this.components.push(...result.components);
    this.relationships.push(...(result.relationships ?? []));
    this.diagnostics.push(...result.diagnostics);
    return result.components.length > 0;
  }
}
