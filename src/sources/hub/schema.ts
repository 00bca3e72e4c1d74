import { z } from 'zod';

const commitHash = z.string().regex(/^[0-9a-f]{40}$/, 'must be a 40-hex commit hash');

/** `GET /api/{models|datasets}/{repo}/revision/{rev}`: only the resolved commit is used. */
export const revisionInfoSchema = z.object({ sha: commitHash }).loose();

const relativePath = z
  .string()
  .min(1)
  .max(1024)
  .refine((path) => !path.startsWith('/') && !path.includes('\\') && !path.includes('\u0000') && path.split('/').every((s) => s !== '' && s !== '.' && s !== '..'), 'must be a plain relative path');

/** One entry of `GET /api/{models|datasets}/{repo}/tree/{commit}?recursive=1`. */
export const treeEntrySchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('file'),
      path: relativePath,
      size: z.number().int().nonnegative(),
      oid: z.string().regex(/^[0-9a-f]{40}$/, 'must be a git blob sha1'),
      lfs: z.object({ oid: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256'), size: z.number().int().nonnegative() }).loose().optional(),
    })
    .loose(),
  z.object({ type: z.literal('directory'), path: relativePath }).loose(),
]);

export const treePageSchema = z.array(treeEntrySchema).max(100_000);

export type TreeEntry = z.infer<typeof treeEntrySchema>;
