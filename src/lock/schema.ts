import { z } from 'zod';

/** A `/`-separated relative path that stays inside the folder it is relative to. */
export const lockPath = z
  .string()
  .min(1)
  .max(4096)
  .refine(
    (path) => !path.startsWith('/') && !/^[A-Za-z]:/.test(path) && !path.includes('\\') && !path.includes('\u0000') && path.split('/').every((s) => s !== '' && s !== '.' && s !== '..'),
    'must be a relative path without "..", empty segments or backslashes',
  );

export const lockedFileSchema = z
  .object({
    path: lockPath,
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
    size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  })
  .strict();

export const lockedArtifactSchema = z
  .object({
    source: z.string().min(1).max(2048),
    kind: z.enum(['model', 'dataset', 'url']),
    repo: z.string().min(3).max(200).optional(),
    commit: z.string().regex(/^[0-9a-f]{40}$/, 'must be a full 40-hex commit hash').optional(),
    /** Folder the files were written to, relative to the lock file's folder (`.` for that folder). */
    dir: z.union([z.literal('.'), lockPath]),
    file: z.array(lockedFileSchema).max(1_000_000).default([]),
  })
  .strict()
  .refine((a) => a.kind === 'url' || (a.repo !== undefined && a.commit !== undefined), 'a hub artifact needs repo and commit')
  .refine((a) => new Set(a.file.map((f) => f.path)).size === a.file.length, 'lists a file twice');

export const lockDocumentSchema = z
  .object({
    version: z.literal(1),
    artifact: z.array(lockedArtifactSchema).max(10_000).default([]),
  })
  .strict();

export type LockedFile = z.infer<typeof lockedFileSchema>;
export type LockedArtifact = z.infer<typeof lockedArtifactSchema>;
export type AigisLock = z.infer<typeof lockDocumentSchema>;
