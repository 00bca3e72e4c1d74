import { z } from 'zod';

const NAME = z.string().min(1).max(214);
const MAL_ID = z.string().regex(/^MAL-\d{4}-\d+$/);

/** data/top-pypi-packages.json: normalized names, most downloaded first. */
export const TopPackagesFileSchema = z.object({
  source: z.string().min(1),
  file: z.string().min(1),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  period: z.string().min(1),
  packages: z.array(NAME).min(1).max(100_000),
});

/** data/pypi-malicious-names.json: `[name, ...MAL ids]` rows, and compromised legitimate packages by version. */
export const MaliciousNamesFileSchema = z.object({
  source: z.string().min(1),
  via: z.string().min(1),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  packages: z.array(z.tuple([NAME], MAL_ID)).max(1_000_000),
  compromised: z
    .array(z.object({ name: NAME, ids: z.array(MAL_ID).min(1), versions: z.array(z.string().min(1)).min(1) }))
    .max(10_000),
});

export type TopPackagesFile = z.infer<typeof TopPackagesFileSchema>;
export type MaliciousNamesFile = z.infer<typeof MaliciousNamesFileSchema>;
