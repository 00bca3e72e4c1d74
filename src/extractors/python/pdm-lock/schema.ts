/** pdm.lock (lock_version 4.x), validated at the boundary; PDM adds keys between versions. */
import { z } from 'zod';

export const fileSchema = z.looseObject({ file: z.string().optional(), url: z.string().optional(), hash: z.string() });

export const packageSchema = z.looseObject({
  name: z.string().min(1),
  version: z.string().optional(),
  requires_python: z.string().optional(),
  summary: z.string().optional(),
  groups: z.array(z.string()).optional(),
  marker: z.string().optional(),
  extras: z.array(z.string()).optional(),
  dependencies: z.array(z.string()).optional(),
  files: z.array(fileSchema).optional(),
  git: z.string().optional(),
  hg: z.string().optional(),
  ref: z.string().optional(),
  revision: z.string().optional(),
  url: z.string().optional(),
  path: z.string().optional(),
  editable: z.boolean().optional(),
  subdirectory: z.string().optional(),
});

export const documentSchema = z.looseObject({
  metadata: z.looseObject({
    lock_version: z.string().optional(),
    content_hash: z.string().optional(),
    groups: z.array(z.string()).optional(),
    strategy: z.array(z.string()).optional(),
  }),
  package: z.array(z.unknown()).default([]),
});

export type PdmPackage = z.infer<typeof packageSchema>;
