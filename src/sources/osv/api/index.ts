import type { OsvRecord } from '../../../core/osv.js';
import { normalizePythonName } from '../../../core/python-metadata.js';
import type { VulnerabilityDatabase } from '../../../core/sources.js';
import { parseOsvRecord } from '../schema.js';
import { OsvApiError, safeUrl } from './errors.js';
import { requestJson, type JsonRequestOptions } from './request.js';
import { OSV_ID, queryBatchResponseSchema } from './schema.js';

export { OsvApiError, type OsvApiFailure } from './errors.js';

export const DEFAULT_OSV_API_URL = 'https://api.osv.dev';

export interface OsvApiOptions {
  /** Default https://api.osv.dev; a mirror or a loopback fake in tests. */
  baseUrl?: string;
  /** Injected for tests and proxies; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** Largest answer read (default 32 MiB). */
  maxBodyBytes?: number;
  /** Record downloads at once (default 8). */
  concurrency?: number;
  /** Pages followed per package (default 100), so a server cannot keep a client paging forever. */
  maxPagesPerPackage?: number;
  /** Distinct records fetched per call (default 20,000). */
  maxRecords?: number;
}

/** The OSV API as a VulnerabilityDatabase, also saying which records it had to leave out as invalid. */
export interface OsvApiDatabase extends VulnerabilityDatabase {
  /** Records the API sent that are not valid OSV (id and reason), left out of the results. */
  readonly invalidRecords: readonly { id: string; error: string }[];
}

/** OSV allows up to 1,000 queries in one batch. */
const BATCH_SIZE = 1000;

/**
 * Asks the OSV API (https://google.github.io/osv.dev/api/) which vulnerabilities name each package: one
 * `POST /v1/querybatch` per 1,000 packages without a version (every record of the package), following
 * `next_page_token` per query, then `GET /v1/vulns/{id}` for each distinct id with bounded concurrency.
 * Records are validated; invalid ones are left out and listed in `invalidRecords`. Failures throw
 * OsvApiError (code OSV_UNAVAILABLE) naming the URL and status.
 */
export function createOsvApiDatabase(options: OsvApiOptions = {}): OsvApiDatabase {
  const base = parseBase(options.baseUrl ?? DEFAULT_OSV_API_URL);
  const request: JsonRequestOptions = {
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxBodyBytes: options.maxBodyBytes ?? 32 * 1024 * 1024,
  };
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const maxPages = options.maxPagesPerPackage ?? 100;
  const maxRecords = options.maxRecords ?? 20_000;
  const invalidRecords: { id: string; error: string }[] = [];
  const records = new Map<string, Promise<OsvRecord | undefined>>();

  const fetchRecord = (id: string): Promise<OsvRecord | undefined> => {
    let pending = records.get(id);
    if (pending === undefined) {
      pending = (async () => {
        const url = new URL(`v1/vulns/${encodeURIComponent(id)}`, base);
        const checked = parseOsvRecord(await requestJson(url, { method: 'GET' }, request));
        if (!checked.ok) {
          invalidRecords.push({ id, error: checked.error });
          return undefined;
        }
        if (checked.record.id !== id) {
          invalidRecords.push({ id, error: `the API answered with record ${checked.record.id.slice(0, 80)}` });
          return undefined;
        }
        return checked.record;
      })();
      records.set(id, pending);
    }
    return pending;
  };

  return {
    description: `OSV API ${safeUrl(base)}`,
    invalidRecords,
    async recordsFor(normalizedNames: readonly string[]): Promise<Map<string, OsvRecord[]>> {
      const names = [...new Set(normalizedNames.map(normalizePythonName))];
      const idsByName = new Map<string, string[]>();
      for (let start = 0; start < names.length; start += BATCH_SIZE) {
        const batch = names.slice(start, start + BATCH_SIZE);
        const found = await queryAll(batch, base, request, maxPages);
        batch.forEach((name, i) => idsByName.set(name, found[i]!));
      }
      const ids = [...new Set([...idsByName.values()].flat())];
      if (ids.length > maxRecords) {
        const shown = safeUrl(new URL('v1/querybatch', base));
        throw new OsvApiError('too-large', shown, `OSV API ${shown}: ${ids.length} records named, more than the limit of ${maxRecords}`);
      }
      const fetched = await mapLimited(ids, concurrency, fetchRecord);
      const byId = new Map(ids.map((id, i) => [id, fetched[i]]));
      const result = new Map<string, OsvRecord[]>();
      for (const [name, nameIds] of idsByName) {
        const list = nameIds.map((id) => byId.get(id)).filter((record): record is OsvRecord => record !== undefined);
        if (list.length > 0) result.set(name, list);
      }
      return result;
    },
  };
}

/** The ids of every vulnerability of each package, in the order of `names`, following pagination. */
async function queryAll(names: readonly string[], base: URL, request: JsonRequestOptions, maxPages: number): Promise<string[][]> {
  const url = new URL('v1/querybatch', base);
  const shown = safeUrl(url);
  const ids = names.map(() => new Set<string>());
  let pending = names.map((name, index) => ({ index, name, token: undefined as string | undefined }));
  for (let page = 0; pending.length > 0; page += 1) {
    if (page >= maxPages) throw new OsvApiError('invalid-response', shown, `OSV API ${shown}: still paging after ${maxPages} pages`);
    const queries = pending.map(({ name, token }) => ({ package: { ecosystem: 'PyPI', name }, ...(token === undefined ? {} : { page_token: token }) }));
    const parsed = queryBatchResponseSchema.safeParse(await requestJson(url, { method: 'POST', body: { queries } }, request));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new OsvApiError('invalid-response', shown, `OSV API ${shown}: not a querybatch answer (${issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : 'wrong shape'})`);
    }
    const { results } = parsed.data;
    if (results.length !== queries.length) {
      throw new OsvApiError('invalid-response', shown, `OSV API ${shown}: ${results.length} results for ${queries.length} queries`);
    }
    const next: typeof pending = [];
    results.forEach((result, i) => {
      const query = pending[i]!;
      for (const vuln of result.vulns ?? []) {
        if (!OSV_ID.test(vuln.id)) throw new OsvApiError('invalid-response', shown, `OSV API ${shown}: '${vuln.id.slice(0, 80)}' is not an OSV id`);
        ids[query.index]!.add(vuln.id);
      }
      if (result.next_page_token) next.push({ ...query, token: result.next_page_token });
    });
    pending = next;
  }
  return ids.map((set) => [...set].sort());
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function parseBase(url: string): URL {
  let base: URL;
  try {
    base = new URL(url.endsWith('/') ? url : `${url}/`);
  } catch {
    throw new OsvApiError('invalid-response', '(invalid URL)', `OSV API: '${url.replace(/\/\/[^/@\s]*@/, '//***@').slice(0, 200)}' is not a valid URL`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new OsvApiError('invalid-response', safeUrl(base), `OSV API ${safeUrl(base)}: only http and https are supported`);
  }
  if (base.username !== '' || base.password !== '') throw new OsvApiError('invalid-response', safeUrl(base), `OSV API ${safeUrl(base)}: credentials in the URL are not supported`);
  return base;
}
