import { z } from 'zod';
import { AigisError } from '../../core/errors.js';
import { MANIFEST_INVALID, MANIFEST_LIMITS, type ManifestEntry } from './types.js';

const EntrySchema = z.strictObject({
  path: z.string().min(1).max(MANIFEST_LIMITS.maxPathBytes),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hexadecimal digits'),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
});

/** aigis's JSON manifest: `{"version":1,"algorithm":"sha256","files":[{"path","sha256","size"}]}`. */
export const JsonManifestSchema = z.strictObject({
  version: z.literal(1),
  algorithm: z.literal('sha256'),
  files: z.array(EntrySchema).max(MANIFEST_LIMITS.maxEntries),
});

export type JsonManifest = z.infer<typeof JsonManifestSchema>;

export function parseJsonManifest(text: string, source: string): Array<ManifestEntry & { line: number }> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new AigisError(MANIFEST_INVALID, `${source}: not valid JSON (${(error as Error).message})`, { path: source });
  }
  const result = JsonManifestSchema.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new AigisError(MANIFEST_INVALID, `${source}: ${issue.path.join('.') || 'document'}: ${issue.message}`, { path: source });
  }
  return result.data.files.map((file, index) => ({ ...file, line: index + 1 }));
}

export function renderJsonManifest(entries: readonly ManifestEntry[]): string {
  const files = entries.map((entry) => ({ path: entry.path, sha256: entry.sha256, ...(entry.size === undefined ? {} : { size: entry.size }) }));
  return `${JSON.stringify({ version: 1, algorithm: 'sha256', files } satisfies JsonManifest, null, 2)}\n`;
}
