/** zod schemas for the uv settings aigis reads (uv.toml top level and `[pip]`, pyproject's `[tool.uv]`). */
import { z } from 'zod';

export const UvIndexSchema = z.looseObject({
  name: z.string().optional(),
  url: z.string(),
  default: z.boolean().optional(),
  explicit: z.boolean().optional(),
});

export const UV_FIELDS = {
  'index-url': z.string(),
  'extra-index-url': z.array(z.string()),
  'find-links': z.array(z.string()),
  'no-index': z.boolean(),
  'index-strategy': z.enum(['first-index', 'unsafe-first-match', 'unsafe-best-match']),
  'allow-insecure-host': z.array(z.string()),
  'require-hashes': z.boolean(),
  index: z.array(z.unknown()),
} as const;

export type UvIndex = z.infer<typeof UvIndexSchema>;
