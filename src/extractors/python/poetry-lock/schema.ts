/** poetry.lock (lock-version 1.x and 2.x), validated at the boundary; Poetry adds keys between versions. */
import { z } from 'zod';

export const fileSchema = z.looseObject({ file: z.string(), hash: z.string(), url: z.string().optional() });

const dependencySpec = z.union([z.string(), z.looseObject({}), z.array(z.union([z.string(), z.looseObject({})]))]);

export const sourceSchema = z.looseObject({
  type: z.string(),
  url: z.string(),
  reference: z.string().optional(),
  resolved_reference: z.string().optional(),
  subdirectory: z.string().optional(),
});

export const packageSchema = z.looseObject({
  name: z.string().min(1),
  version: z.string(),
  optional: z.boolean().optional(),
  category: z.string().optional(),
  groups: z.array(z.string()).optional(),
  markers: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  'python-versions': z.string().optional(),
  files: z.array(fileSchema).optional(),
  dependencies: z.record(z.string(), dependencySpec).optional(),
  develop: z.boolean().optional(),
  source: sourceSchema.optional(),
});

export const documentSchema = z.looseObject({
  package: z.array(z.unknown()).default([]),
  metadata: z.looseObject({
    'lock-version': z.string().optional(),
    'python-versions': z.string().optional(),
    'content-hash': z.string().optional(),
    files: z.record(z.string(), z.array(fileSchema)).optional(),
  }),
});

export type PoetryPackage = z.infer<typeof packageSchema>;
export type PoetryFile = z.infer<typeof fileSchema>;
