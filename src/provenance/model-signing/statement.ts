import { z } from 'zod';
import { AigisError } from '../../core/errors.js';
import type { OmsHashType } from './hash-file.js';
import { compareItems, itemName, rootDigest, type Manifest, type ManifestItem, type Serialization } from './manifest.js';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const OMS_PREDICATE_TYPE = 'https://model_signing/signature/v1.0';
/** The predicate model_signing v0.2 wrote: one subject per file and no serialization record. */
export const LEGACY_PREDICATE_TYPE = 'https://model_signing/Digests/v0.1';
const MAX_RESOURCES = 1_000_000;

const DIGEST_BYTES: Record<OmsHashType, number> = { sha256: 32, blake2: 64 };
const hex = z.string().regex(/^[0-9a-f]+$/, 'not lowercase hex').max(128);
const resourceName = z
  .string()
  .min(1)
  .max(4096)
  .refine((name) => !name.startsWith('/') && !name.includes('\0') && !name.split('/').includes('..'), 'a path that leaves the model');

const serializationSchema = z.object({
  method: z.enum(['files', 'shards']),
  hash_type: z.enum(['sha256', 'blake2']),
  allow_symlinks: z.boolean().default(false),
  shard_size: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  ignore_paths: z.array(resourceName).max(4096).optional(),
});

const statementSchema = z.object({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(z.object({ name: z.string().max(4096), digest: z.record(z.string(), hex) })).min(1).max(MAX_RESOURCES),
  predicateType: z.string(),
  predicate: z.unknown(),
});

const omsPredicateSchema = z.object({
  serialization: serializationSchema,
  resources: z.array(z.object({ name: resourceName, algorithm: z.string(), digest: hex })).max(MAX_RESOURCES),
});

/** Builds the in-toto statement model_signing signs: one subject (the root digest), resources in the predicate. */
export function buildStatement(manifest: Manifest): Record<string, unknown> {
  const { serialization } = manifest;
  const digests = manifest.items.map((item) => item.digest);
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name: manifest.modelName, digest: { sha256: rootDigest(digests) } }],
    predicateType: OMS_PREDICATE_TYPE,
    predicate: {
      serialization: {
        method: serialization.method,
        hash_type: serialization.hashType,
        allow_symlinks: serialization.allowSymlinks,
        ...(serialization.method === 'shards' ? { shard_size: serialization.shardSize } : {}),
        ...(serialization.ignorePaths !== undefined ? { ignore_paths: serialization.ignorePaths } : {}),
      },
      resources: manifest.items.map((item) => ({ name: itemName(item), algorithm: serialization.hashType, digest: item.digest })),
    },
  };
}

/** Reads the manifest a verified statement signs; inconsistent or unknown statements are SIGNATURE_INVALID. */
export function parseStatement(payload: Buffer, shownPath: string): Manifest {
  const fail = (problem: string): never => {
    throw new AigisError('SIGNATURE_INVALID', `${shownPath}: the signed statement is not usable (${problem})`, { path: shownPath });
  };
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return fail('payload is not JSON');
  }
  const statement = statementSchema.safeParse(json);
  if (!statement.success) return fail(describeIssues(statement.error));
  const { subject, predicateType, predicate } = statement.data;
  if (predicateType === LEGACY_PREDICATE_TYPE) {
    const items = subject.map((entry) => ({ path: checkName(entry.name, fail), digest: entry.digest.sha256 ?? fail(`subject ${entry.name} has no sha256 digest`) }));
    return { modelName: '', serialization: { method: 'files', hashType: 'sha256', allowSymlinks: false }, items: unique(items.sort(compareItems), fail) };
  }
  if (predicateType !== OMS_PREDICATE_TYPE) return fail(`unknown predicate type ${JSON.stringify(predicateType).slice(0, 100)}`);
  const parsed = omsPredicateSchema.safeParse(predicate);
  if (!parsed.success) return fail(describeIssues(parsed.error));
  const { serialization: raw, resources } = parsed.data;
  if (subject.length !== 1) fail('expected exactly one subject');
  const serialization: Serialization =
    raw.method === 'files'
      ? { method: 'files', hashType: raw.hash_type, allowSymlinks: raw.allow_symlinks, ...(raw.ignore_paths ? { ignorePaths: raw.ignore_paths } : {}) }
      : { method: 'shards', hashType: raw.hash_type, allowSymlinks: raw.allow_symlinks, shardSize: raw.shard_size ?? fail('shards serialization without shard_size'), ...(raw.ignore_paths ? { ignorePaths: raw.ignore_paths } : {}) };
  const items: ManifestItem[] = resources.map((resource) => {
    if (resource.algorithm !== raw.hash_type) fail(`resource ${resource.name} uses ${resource.algorithm}, the serialization says ${raw.hash_type}`);
    if (resource.digest.length !== DIGEST_BYTES[raw.hash_type] * 2) fail(`resource ${resource.name} has a digest of the wrong length`);
    return serialization.method === 'files' ? { path: resource.name, digest: resource.digest } : parseShard(resource.name, resource.digest, fail);
  });
  const expected = subject[0]!.digest.sha256 ?? fail('the subject has no sha256 digest');
  if (rootDigest(items.map((item) => item.digest)) !== expected) fail('the subject digest does not match the listed resources');
  return { modelName: subject[0]!.name, serialization, items: unique([...items].sort(compareItems), fail) };
}

function checkName(name: string, fail: (problem: string) => never): string {
  return resourceName.safeParse(name).success ? name : fail(`resource name ${JSON.stringify(name).slice(0, 100)} leaves the model`);
}

function parseShard(name: string, digest: string, fail: (problem: string) => never): ManifestItem {
  const match = /^(.+):(\d{1,15}):(\d{1,15})$/.exec(name);
  if (match === null) return fail(`shard name ${JSON.stringify(name).slice(0, 100)} is not path:start:end`);
  const start = Number(match[2]);
  const end = Number(match[3]);
  if (end <= start) fail(`shard ${name} ends before it starts`);
  return { path: checkName(match[1]!, fail), start, end, digest };
}

function unique(items: ManifestItem[], fail: (problem: string) => never): ManifestItem[] {
  for (let i = 1; i < items.length; i++) if (itemName(items[i]!) === itemName(items[i - 1]!)) fail(`resource ${itemName(items[i]!)} is listed twice`);
  return items;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'statement'}: ${issue.message}`).slice(0, 3).join('; ');
}
