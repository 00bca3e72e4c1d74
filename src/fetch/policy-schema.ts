import { z } from 'zod';
import { FetchError } from './errors.js';
import { parseSource } from './source-url.js';
import { parseTrustRule } from './trust.js';

/** `[fetch]` of aigis.toml: where `aigis fetch` may download from, and how much. */
export const fetchSchema = z
  .object({
    trusted: z
      .array(
        z.string().superRefine((pattern, ctx) => {
          try {
            parseTrustRule(pattern);
          } catch (error) {
            if (!(error instanceof FetchError)) throw error;
            ctx.addIssue({ code: 'custom', message: `${error.message}; write hf://ORG/*, hf://ORG/REPO, hf://datasets/ORG/* or https://host/prefix/` });
          }
        }),
      )
      .max(1000)
      .optional(),
    'max-bytes': z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    'hub-url': z
      .string()
      .superRefine((url, ctx) => {
        try {
          const parsed = parseSource(url);
          if (parsed.scheme === 'hf' || parsed.query !== '') throw new FetchError('bad-source', 'must be an https URL without a query');
          if (parsed.scheme === 'http' && parsed.host !== '127.0.0.1' && parsed.host !== 'localhost') throw new FetchError('bad-source', 'plain http is only allowed for loopback hosts');
        } catch (error) {
          if (!(error instanceof FetchError)) throw error;
          ctx.addIssue({ code: 'custom', message: error.message });
        }
      })
      .optional(),
  })
  .strict();

export type FetchSection = z.infer<typeof fetchSchema>;
