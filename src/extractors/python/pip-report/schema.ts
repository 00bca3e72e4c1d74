/** pip's installation report (`pip install --dry-run --report`, version "1"), validated at the boundary. */
import { z } from 'zod';

export const downloadInfoSchema = z.looseObject({
  url: z.string(),
  subdirectory: z.string().optional(),
  archive_info: z.looseObject({ hash: z.string().optional(), hashes: z.record(z.string(), z.string()).optional() }).optional(),
  vcs_info: z.looseObject({ vcs: z.string(), commit_id: z.string(), requested_revision: z.string().optional() }).optional(),
  dir_info: z.looseObject({ editable: z.boolean().optional() }).optional(),
});

export const installSchema = z.looseObject({
  download_info: downloadInfoSchema,
  is_direct: z.boolean(),
  is_yanked: z.boolean().optional(),
  requested: z.boolean(),
  requested_extras: z.array(z.string()).optional(),
  metadata: z.looseObject({
    name: z.string().min(1),
    version: z.string(),
    requires_dist: z.array(z.string()).optional(),
    license: z.string().optional(),
  }),
});

export const reportSchema = z.looseObject({
  version: z.literal('1'),
  pip_version: z.string(),
  install: z.array(z.unknown()),
  environment: z.looseObject({}).optional(),
});

export type PipInstall = z.infer<typeof installSchema>;
