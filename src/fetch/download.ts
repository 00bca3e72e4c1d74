import { open, rm, stat } from 'node:fs/promises';
import { FetchError } from './errors.js';

export interface DownloadOptions {
  fetch: typeof fetch;
  /** Abort when no bytes arrive for this long. */
  idleTimeoutMs: number;
  /** Refuse more bytes than this (the declared size when known, else the policy limit). */
  maxBytes: number;
  expectedSize?: number;
  /** Sent only to `authorizationOrigin`, never to a CDN a redirect leads to. */
  authorization?: string;
  authorizationOrigin?: string;
  maxRedirects?: number;
  /** Extra attempts after a body that ended early; each resumes from the partial file. */
  retries?: number;
  onBytes?: (done: number, total: number | undefined) => void;
}

export interface DownloadResult {
  /** Headers of the first answer (before redirects): where the hub puts X-Repo-Commit and X-Linked-Etag. */
  firstHeaders?: Headers;
  size: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Downloads `url` into `partialPath`, resuming with a Range request when the file already holds a prefix
 * and the server answers 206 for exactly that offset. A body that ends early is retried from where it
 * stopped; the partial file is kept on transport failures (a later run resumes) and removed on refusals.
 */
export async function downloadTo(url: URL, partialPath: string, options: DownloadOptions): Promise<DownloadResult> {
  let firstHeaders: Headers | undefined;
  const attempts = 1 + (options.retries ?? 3);
  for (let attempt = 1; ; attempt += 1) {
    const have = await sizeOf(partialPath);
    if (options.expectedSize !== undefined && have > options.expectedSize) await rm(partialPath, { force: true });
    else if (options.expectedSize !== undefined && have === options.expectedSize && have > 0) return { ...(firstHeaders ? { firstHeaders } : {}), size: have };
    try {
      const result = await attemptOnce(url, partialPath, options, options.expectedSize !== undefined && have > options.expectedSize ? 0 : have);
      firstHeaders ??= result.firstHeaders;
      return { ...(firstHeaders ? { firstHeaders } : {}), size: result.size };
    } catch (error) {
      if (error instanceof EarlyEnd) {
        firstHeaders ??= error.firstHeaders;
        if (attempt < attempts) continue;
        throw new FetchError('network', `${url.href}: the download ended early ${attempts} times; run again to resume`, { cause: error });
      }
      if (error instanceof FetchError && error.rejected) await rm(partialPath, { force: true });
      throw error;
    }
  }
}

class EarlyEnd extends Error {
  constructor(readonly firstHeaders: Headers | undefined, detail: string) {
    super(detail);
  }
}

async function attemptOnce(url: URL, partialPath: string, options: DownloadOptions, offset: number): Promise<DownloadResult> {
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), options.idleTimeoutMs);
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), options.idleTimeoutMs);
  };
  try {
    const { response, firstHeaders } = await follow(url, options, offset, controller.signal);
    touch();
    let start = 0;
    if (response.status === 206 && offset > 0) {
      const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
      if (range === null || Number(range[1]) !== offset) throw new FetchError('invalid-response', `${url.href}: a Range answer for the wrong offset (${response.headers.get('content-range') ?? 'no Content-Range'})`);
      start = offset;
    } else if (response.status === 416 && offset > 0) {
      await response.body?.cancel().catch(() => undefined);
      await rm(partialPath, { force: true });
      throw new EarlyEnd(firstHeaders, 'range not satisfiable; starting over');
    } else if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      const reason = response.status === 401 || response.status === 403 ? 'gated' : response.status === 404 ? 'not-found' : 'http-status';
      throw new FetchError(reason, `${url.href}: HTTP ${response.status}${reason === 'gated' ? ' (gated or private: accept the terms on the hub and set HF_TOKEN)' : ''}`);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && start + declared > options.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new FetchError('size-limit', `${url.href}: ${start + declared} bytes is more than the ${options.maxBytes}-byte limit`);
    }
    const size = await writeBody(url, response, partialPath, start, options, touch);
    if (Number.isFinite(declared) && size !== start + declared) throw new EarlyEnd(firstHeaders, `got ${size - start} of ${declared} bytes`);
    if (options.expectedSize !== undefined && size < options.expectedSize) throw new EarlyEnd(firstHeaders, `got ${size} of ${options.expectedSize} bytes`);
    return { ...(firstHeaders ? { firstHeaders } : {}), size };
  } catch (error) {
    if (error instanceof FetchError || error instanceof EarlyEnd) throw error;
    if (controller.signal.aborted) throw new FetchError('timeout', `${url.href}: no data for ${options.idleTimeoutMs} ms`, { cause: error });
    throw new EarlyEnd(undefined, (error as Error).message);
  } finally {
    clearTimeout(timer);
  }
}

async function follow(url: URL, options: DownloadOptions, offset: number, signal: AbortSignal): Promise<{ response: Response; firstHeaders?: Headers }> {
  let current = url;
  let firstHeaders: Headers | undefined;
  for (let hop = 0; ; hop += 1) {
    const headers: Record<string, string> = { accept: '*/*', 'accept-encoding': 'identity' };
    if (offset > 0) headers.range = `bytes=${offset}-`;
    if (options.authorization !== undefined && current.origin === options.authorizationOrigin) headers.authorization = options.authorization;
    let response: Response;
    try {
      response = await options.fetch(current.href, { headers, redirect: 'manual', signal });
    } catch (error) {
      if (signal.aborted) throw new FetchError('timeout', `${current.href}: no answer within ${options.idleTimeoutMs} ms`, { cause: error });
      throw new FetchError('network', `${current.href}: cannot connect (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`, { cause: error });
    }
    firstHeaders ??= response.headers;
    if (!REDIRECTS.has(response.status)) return { response, firstHeaders };
    await response.body?.cancel().catch(() => undefined);
    const next = redirectTarget(response.headers.get('location'), current);
    if (next === undefined) throw new FetchError('redirect', `${current.href}: redirect without a valid Location`);
    if (next.protocol !== 'https:' && !(next.protocol === 'http:' && current.protocol === 'http:')) throw new FetchError('redirect', `${current.href}: redirect to ${next.protocol} refused (no downgrade from https)`);
    if (next.username !== '' || next.password !== '') throw new FetchError('redirect', `${current.href}: redirect to a URL with credentials refused`);
    if (hop >= (options.maxRedirects ?? 5)) throw new FetchError('redirect', `${url.href}: more than ${options.maxRedirects ?? 5} redirects`);
    current = next;
  }
}

async function writeBody(url: URL, response: Response, partialPath: string, start: number, options: DownloadOptions, touch: () => void): Promise<number> {
  const file = await open(partialPath, start > 0 ? 'a' : 'w');
  let size = start;
  try {
    if (response.body === null) return size;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      touch();
      size += value.byteLength;
      if (size > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new FetchError('size-limit', `${url.href}: more than the ${options.maxBytes}-byte limit`);
      }
      await file.write(value);
      options.onBytes?.(size, options.expectedSize);
    }
    return size;
  } finally {
    await file.close();
  }
}

function redirectTarget(location: string | null, base: URL): URL | undefined {
  if (location === null) return undefined;
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
