import { z } from 'zod';
import type { OsvRecord } from '../../core/osv.js';

/**
 * The OSV record schema (https://ossf.github.io/osv-schema/, 1.x) as aigis reads it: unknown keys are kept
 * (newer schema versions add fields), known keys must have their documented types, and every string and
 * array is bounded so that a hostile record cannot make the store or the matcher do unbounded work.
 */
export const OSV_LIMITS = {
  maxIdLength: 256,
  maxTextLength: 1_000_000,
  maxShortText: 4096,
  maxAliases: 1000,
  maxAffected: 10_000,
  maxRanges: 1000,
  maxEvents: 10_000,
  maxVersions: 100_000,
  maxReferences: 10_000,
  maxSeverities: 100,
} as const;

const L = OSV_LIMITS;
const shortText = z.string().max(L.maxShortText);
/** RFC 3339 as OSV writes it (`2021-07-01T00:00:00Z`, fractions and offsets allowed); date-only tolerated. */
const timestamp = z.string().max(64).regex(/^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/, 'not an RFC 3339 timestamp');
const idString = z.string().min(1).max(L.maxIdLength);
const objectMap = z.record(z.string(), z.unknown());

const SeveritySchema = z.looseObject({ type: shortText, score: shortText });

const EventSchema = z.union([
  z.looseObject({ introduced: shortText }),
  z.looseObject({ fixed: shortText }),
  z.looseObject({ last_affected: shortText }),
  z.looseObject({ limit: shortText }),
]);

const RangeSchema = z.looseObject({
  type: shortText,
  repo: shortText.optional(),
  events: z.array(EventSchema).max(L.maxEvents),
  database_specific: objectMap.optional(),
});

const PackageSchema = z.looseObject({
  ecosystem: shortText,
  name: shortText,
  purl: shortText.optional(),
});

const AffectedSchema = z.looseObject({
  package: PackageSchema.optional(),
  ranges: z.array(RangeSchema).max(L.maxRanges).optional(),
  versions: z.array(shortText).max(L.maxVersions).optional(),
  severity: z.array(SeveritySchema).max(L.maxSeverities).optional(),
  ecosystem_specific: objectMap.optional(),
  database_specific: objectMap.optional(),
});

const ReferenceSchema = z.looseObject({ type: shortText, url: z.string().max(L.maxShortText * 4) });

export const OsvRecordSchema = z.looseObject({
  schema_version: shortText.optional(),
  id: idString,
  modified: timestamp,
  published: timestamp.optional(),
  withdrawn: timestamp.optional(),
  aliases: z.array(idString).max(L.maxAliases).optional(),
  related: z.array(idString).max(L.maxAliases).optional(),
  summary: z.string().max(L.maxShortText * 4).optional(),
  details: z.string().max(L.maxTextLength).optional(),
  severity: z.array(SeveritySchema).max(L.maxSeverities).optional(),
  affected: z.array(AffectedSchema).max(L.maxAffected).optional(),
  references: z.array(ReferenceSchema).max(L.maxReferences).optional(),
  database_specific: objectMap.optional(),
});

export type ParsedOsvRecord = { ok: true; record: OsvRecord } | { ok: false; error: string };

/** Validates one decoded OSV document; never throws. The error names the first offending path. */
export function parseOsvRecord(json: unknown): ParsedOsvRecord {
  let parsed;
  try {
    parsed = OsvRecordSchema.safeParse(json);
  } catch (error) {
    return { ok: false, error: `not an OSV record: ${(error as Error).message}` };
  }
  if (parsed.success) return { ok: true, record: parsed.data as OsvRecord };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  return { ok: false, error: `invalid OSV record at ${where}: ${issue?.message ?? 'unknown error'}` };
}
