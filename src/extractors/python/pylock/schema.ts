/** PEP 751 pylock.toml, validated at the boundary. Unknown keys are accepted here and reported by parse.ts. */
import { z } from 'zod';

const hashes = z.record(z.string(), z.string());
const when = z.union([z.date(), z.string(), z.object({}).loose()]).optional();

export const artifactSchema = z.looseObject({
  name: z.string().optional(),
  'upload-time': when,
  url: z.string().optional(),
  path: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  hashes,
  subdirectory: z.string().optional(),
});

export const vcsSchema = z.looseObject({
  type: z.string(),
  url: z.string().optional(),
  path: z.string().optional(),
  'requested-revision': z.string().optional(),
  'commit-id': z.string(),
  subdirectory: z.string().optional(),
});

export const directorySchema = z.looseObject({
  path: z.string(),
  editable: z.boolean().optional(),
  subdirectory: z.string().optional(),
});

export const packageSchema = z.looseObject({
  name: z.string().min(1),
  version: z.string().optional(),
  marker: z.string().optional(),
  'requires-python': z.string().optional(),
  dependencies: z.array(z.looseObject({ name: z.string().optional() })).optional(),
  index: z.string().optional(),
  vcs: vcsSchema.optional(),
  directory: directorySchema.optional(),
  archive: artifactSchema.optional(),
  sdist: artifactSchema.optional(),
  wheels: z.array(artifactSchema).optional(),
  'attestation-identities': z.array(z.object({}).loose()).optional(),
  tool: z.object({}).loose().optional(),
});

export const documentSchema = z.looseObject({
  'lock-version': z.string(),
  environments: z.array(z.string()).optional(),
  'requires-python': z.string().optional(),
  extras: z.array(z.string()).optional(),
  'dependency-groups': z.array(z.string()).optional(),
  'default-groups': z.array(z.string()).optional(),
  'created-by': z.string(),
  packages: z.array(z.unknown()),
  tool: z.object({}).loose().optional(),
});

export const DOCUMENT_KEYS = new Set(Object.keys(documentSchema.shape));
export const PACKAGE_KEYS = new Set(Object.keys(packageSchema.shape));

export type PylockPackage = z.infer<typeof packageSchema>;
export type PylockArtifact = z.infer<typeof artifactSchema>;
