import { z } from 'zod';
import { parseAllowedPattern } from '../core/pep440/match.js';
import { SEVERITIES } from '../core/severity.js';
import { fetchSchema } from '../fetch/policy-schema.js';

const isoDate = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'object' && value !== null ? String(value) : value),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
);

const positiveInt = z.number().int().positive();

export const suppressionSchema = z
  .object({
    rule: z.string().min(1).optional(),
    fingerprint: z.string().regex(/^[0-9a-f]{8,64}$/, 'must be a hex fingerprint from a report').optional(),
    path: z.string().min(1).optional(),
    advisory: z.string().regex(/^[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9._:-]+$/, 'must be an advisory id such as PYSEC-2024-1, GHSA-xxxx-xxxx-xxxx or CVE-2024-1234').optional(),
    reason: z.string().trim().min(1, 'every suppression needs a reason'),
    expires: isoDate.optional(),
  })
  .strict()
  .refine((s) => s.rule !== undefined || s.fingerprint !== undefined || s.path !== undefined || s.advisory !== undefined, {
    message: 'a suppression must name at least one of rule, fingerprint, path or advisory',
  });

const packageName = z.string().regex(/^[A-Za-z0-9*?]([A-Za-z0-9._*?-]*[A-Za-z0-9*?])?$/, 'must be a package name or a glob such as acme-*');
const indexUrl = z.string().url('must be an index URL such as https://pypi.example.com/simple/');

export const depsSchema = z
  .object({
    internal: z
      .object({
        index: indexUrl.optional(),
        packages: z.array(packageName).min(1, 'list at least one internal package name or glob'),
      })
      .strict()
      .optional(),
    allow: z
      .array(
        z
          .object({
            name: packageName,
            versions: z
              .array(
                z.string().min(1).superRefine((pattern, ctx) => {
                  const parsed = parseAllowedPattern(pattern);
                  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(pattern)} is not a version, a glob such as 2.14.* or a PEP 440 specifier (${parsed.error})` });
                }),
              )
              .min(1, 'list the allowed versions, e.g. ["==2.1.0", "2.14.*"]'),
            index: indexUrl.optional(),
          })
          .strict(),
      )
      .optional(),
    typosquat: z.object({ allow: z.array(packageName) }).strict().optional(),
  })
  .strict();

/** `[[keyring.publishers]]`: a publisher's name and its trusted keys (paths relative to the config file, or key text). */
export const keyringSchema = z
  .object({
    publishers: z
      .array(
        z
          .object({
            name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, 'must be a publisher name such as acme or acme-models'),
            keys: z.array(z.string().min(1)).optional(),
            inline: z.array(z.string().min(1)).optional(),
          })
          .strict()
          .refine((p) => (p.keys?.length ?? 0) + (p.inline?.length ?? 0) > 0, { message: 'a publisher needs at least one key: keys = ["path"] or inline = ["key text"]' }),
      )
      .refine((list) => new Set(list.map((p) => p.name)).size === list.length, { message: 'publisher names must be unique' }),
  })
  .strict();

export const configSchema = z
  .object({
    'fail-on': z.enum([...SEVERITIES, 'none']).optional(),
    scan: z
      .object({
        'include-virtualenvs': z.boolean().optional(),
        exclude: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    limits: z
      .object({
        'max-files': positiveInt.optional(),
        'max-depth': positiveInt.optional(),
        'max-file-size': positiveInt.optional(),
        'max-pickle-opcodes': positiveInt.optional(),
        'max-pickle-streams': positiveInt.optional(),
        'max-archive-members': positiveInt.optional(),
        'max-member-size': positiveInt.optional(),
        'max-archive-expanded-size': positiveInt.optional(),
        'max-compression-ratio': positiveInt.optional(),
        'max-nesting': positiveInt.optional(),
      })
      .strict()
      .optional(),
    suppress: z.array(suppressionSchema).optional(),
    deps: depsSchema.optional(),
    fetch: fetchSchema.optional(),
    keyring: keyringSchema.optional(),
  })
  .strict();

export type ConfigDocument = z.infer<typeof configSchema>;
