/** uv.lock (version 1), validated at the boundary. uv adds keys across revisions, so unknown keys are kept. */
import { z } from 'zod';

const dependency = z.looseObject({ name: z.string(), marker: z.string().optional(), extra: z.array(z.string()).optional() });
const dependencies = z.array(dependency);

export const sourceSchema = z.looseObject({
  registry: z.string().optional(),
  git: z.string().optional(),
  url: z.string().optional(),
  path: z.string().optional(),
  directory: z.string().optional(),
  editable: z.string().optional(),
  virtual: z.string().optional(),
});

export const artifactSchema = z.looseObject({
  url: z.string().optional(),
  path: z.string().optional(),
  filename: z.string().optional(),
  hash: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
});

export const packageSchema = z.looseObject({
  name: z.string().min(1),
  version: z.string().optional(),
  source: sourceSchema.optional(),
  dependencies: dependencies.optional(),
  'optional-dependencies': z.record(z.string(), dependencies).optional(),
  'dev-dependencies': z.record(z.string(), dependencies).optional(),
  sdist: artifactSchema.optional(),
  wheels: z.array(artifactSchema).optional(),
  'resolution-markers': z.array(z.string()).optional(),
});

export const documentSchema = z.looseObject({
  version: z.number().int(),
  revision: z.number().int().optional(),
  'requires-python': z.string().optional(),
  manifest: z
    .looseObject({
      members: z.array(z.string()).optional(),
      requirements: z.array(z.looseObject({ name: z.string() })).optional(),
    })
    .optional(),
  package: z.array(z.unknown()).default([]),
});

export type UvPackage = z.infer<typeof packageSchema>;
export type UvArtifact = z.infer<typeof artifactSchema>;
