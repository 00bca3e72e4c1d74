/** Pipfile.lock (pipfile-spec 6), validated at the boundary; pipenv adds keys, so unknown ones are kept. */
import { z } from 'zod';

export const sourceSchema = z.looseObject({ name: z.string(), url: z.string(), verify_ssl: z.boolean().optional() });

export const entrySchema = z.looseObject({
  version: z.string().optional(),
  hashes: z.array(z.string()).optional(),
  index: z.string().optional(),
  markers: z.string().optional(),
  extras: z.array(z.string()).optional(),
  git: z.string().optional(),
  hg: z.string().optional(),
  svn: z.string().optional(),
  bzr: z.string().optional(),
  ref: z.string().optional(),
  editable: z.boolean().optional(),
  path: z.string().optional(),
  file: z.string().optional(),
  subdirectory: z.string().optional(),
});

export const documentSchema = z.looseObject({
  _meta: z.looseObject({
    hash: z.looseObject({}).optional(),
    'pipfile-spec': z.number().optional(),
    requires: z.looseObject({}).optional(),
    sources: z.array(sourceSchema).default([]),
  }),
  default: z.record(z.string(), z.unknown()).default({}),
  develop: z.record(z.string(), z.unknown()).default({}),
});

export type PipfileEntry = z.infer<typeof entrySchema>;
export type PipfileSource = z.infer<typeof sourceSchema>;
