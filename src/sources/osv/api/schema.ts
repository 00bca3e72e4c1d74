import { z } from 'zod';

/** Bounds on what the OSV API may send back, so a hostile or broken server cannot exhaust memory. */
export const MAX_VULNS_PER_PAGE = 10_000;
const MAX_ID_LENGTH = 256;
const MAX_TOKEN_LENGTH = 4096;

/** One vulnerability as `/v1/querybatch` lists it: the id and when it was modified (no details). */
const batchVulnSchema = z.looseObject({
  id: z.string().min(1).max(MAX_ID_LENGTH),
  modified: z.string().max(64).optional(),
});

/** One result of `/v1/querybatch`; `{}` when the package has no vulnerability. */
const batchResultSchema = z.looseObject({
  vulns: z.array(batchVulnSchema).max(MAX_VULNS_PER_PAGE).optional(),
  next_page_token: z.string().max(MAX_TOKEN_LENGTH).optional(),
});

/** The body of `POST /v1/querybatch` (https://google.github.io/osv.dev/post-v1-querybatch/). */
export const queryBatchResponseSchema = z.looseObject({
  results: z.array(batchResultSchema).max(1000),
});

export type QueryBatchResponse = z.infer<typeof queryBatchResponseSchema>;

/** OSV ids are short, printable and safe in a URL path segment once encoded; refuse anything else. */
export const OSV_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,255}$/;
