import { z } from 'zod';
import { SEVERITIES } from '../core/severity.js';

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
    reason: z.string().trim().min(1, 'every suppression needs a reason'),
    expires: isoDate.optional(),
  })
  .strict()
  .refine((s) => s.rule !== undefined || s.fingerprint !== undefined || s.path !== undefined, {
    message: 'a suppression must name at least one of rule, fingerprint or path',
  });

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
  })
  .strict();

export type ConfigDocument = z.infer<typeof configSchema>;
