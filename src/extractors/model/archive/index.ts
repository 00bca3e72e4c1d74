import type { ExtractContext, ExtractResult, Extractor, FileInput } from '../../../core/extractor.js';
import type { ArchiveContainerKind } from '../../../core/model-facts/archive.js';
import type { ModelFormat } from '../../../core/model-metadata.js';
import { diagnosticsFor, modelComponent, unscannable, type ModelFacts } from '../model-file.js';
import { ArchiveScan } from './expand.js';
import { NestedMembers } from './nested.js';
import { archiveKind } from './sniff.js';

const ID = 'model/archive';

/** LZMA-alone files have no ModelFormat of their own: they are reported with xz, their sibling format. */
const MODEL_FORMAT: Record<ArchiveContainerKind, ModelFormat> = {
  gzip: 'gzip', zlib: 'zlib', bz2: 'bz2', xz: 'xz', lzma: 'xz', '7z': '7z', tar: 'tar',
};

function scanFile(file: FileInput, ctx: ExtractContext, container: ArchiveContainerKind, nested: NestedMembers): ModelFacts {
  const scan = new ArchiveScan(ctx.limits, nested);
  scan.scanContent(file.source, undefined, 1 + (ctx.nesting ?? 0));
  const details: Record<string, string | number | boolean> = { container, members: scan.memberCount, expandedBytes: scan.budget.spent };
  if (scan.notAnalysed.size > 0) details['notAnalysedInsideArchives'] = [...scan.notAnalysed].join(', ');
  return {
    format: MODEL_FORMAT[container],
    pickles: scan.pickles,
    anomalies: scan.anomalies,
    details,
    archive: {
      container,
      members: scan.members,
      memberCount: scan.memberCount,
      expandedBytes: scan.budget.spent,
      depth: scan.depth,
      notAnalysed: [...scan.notAnalysed],
    },
  };
}

/**
 * Compressed and archived model files (gzip, zlib, bz2, xz, LZMA-alone, tar, 7z; joblib's compressed
 * dumps): every layer is opened within one expansion budget and each member is scanned by its content.
 * Pickle-family members are read here; every member goes to the extractors of its format through
 * `ctx.extractNested` (as `<file>!<member>`), and the archive `contains` what they report.
 */
export const archiveExtractor: Extractor = {
  id: ID,
  version: '1',
  kind: 'model',
  tags: ['model'],
  patterns: ['*.gz', '*.tgz', '*.bz2', '*.tbz2', '*.xz', '*.txz', '*.lzma', '*.7z', '*.tar', '*.z'],
  sniff: (probe) => archiveKind(probe) !== undefined,
  extract(file: FileInput, ctx: ExtractContext): ExtractResult {
    const container = archiveKind({ head: file.head }) ?? 'tar';
    let facts: ModelFacts;
    const nested = new NestedMembers(file.path, ctx);
    try {
      facts = scanFile(file, ctx, container, nested);
    } catch (error) {
      facts = unscannable(error, MODEL_FORMAT[container]);
    }
    const diagnostics = diagnosticsFor(file.path, facts);
    for (const format of facts.archive?.notAnalysed ?? []) {
      diagnostics.push({ level: 'info', code: 'ARCHIVE_MEMBER_NOT_ANALYSED', message: `${format} members are listed, but no extractor read them inside this archive`, path: file.path });
    }
    diagnostics.push(...nested.diagnostics);
    const component = modelComponent(file.path, ID, facts);
    const contains = nested.components.map((inner) => ({ from: component.id, to: inner.id, type: 'contains' as const }));
    return { components: [component, ...nested.components], relationships: [...contains, ...nested.relationships], diagnostics };
  },
};

export default archiveExtractor;
