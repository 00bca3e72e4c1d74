import { z } from 'zod';

/** Hash names PEP 691 takes from hashlib; only hex digests are accepted. */
const hexDigest = z.string().regex(/^[0-9a-fA-F]{16,256}$/);

/** One file of a PEP 691 project page (api-version 1.x); unknown keys are allowed, as the PEP requires. */
export const pep691FileSchema = z.looseObject({
  filename: z.string().min(1).max(1024),
  url: z.string().min(1).max(8192),
  hashes: z.record(z.string().max(32), hexDigest),
  'requires-python': z.string().max(1024).nullish(),
  yanked: z.union([z.boolean(), z.string().max(8192)]).optional(),
});

/** A PEP 691 project page. `versions` is API 1.1 (PEP 700). */
export const pep691ProjectSchema = z.looseObject({
  meta: z.looseObject({ 'api-version': z.string().regex(/^1\.\d+$/, 'must be a 1.x api-version') }),
  name: z.string().min(1).max(1024),
  files: z.array(pep691FileSchema).max(1_000_000),
  versions: z.array(z.string().max(1024)).max(1_000_000).optional(),
});

export type Pep691Project = z.infer<typeof pep691ProjectSchema>;
