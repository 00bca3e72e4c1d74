import { BodyTooLargeError, readBoundedText, transportFailure } from '../http/bounded-body.js';
import { PackageIndexError, redactUrl } from './errors.js';

export interface RequestOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  allowCrossOriginRedirects: boolean;
  /** `Authorization` sent to the index's own origin only. */
  authorization?: string;
  accept: string;
  /** Every redirect followed, in order (URLs without credentials). */
  redirects: { from: string; to: string }[];
}

export interface IndexResponse {
  status: number;
  /** The URL that answered, after redirects, without credentials. */
  url: string;
  contentType: string;
  body: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GETs `url` with a timeout over the whole exchange and a cap on the body. Redirects are followed by hand:
 * same-origin always, other origins only when allowed, and then without the credentials. Every redirect is
 * recorded. Statuses other than 2xx and 404 throw; 404 is returned for the caller to read as "no such project".
 */
export async function getIndexPage(url: URL, options: RequestOptions): Promise<IndexResponse> {
  const origin = url.origin;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let current = url;
  for (let hop = 0; ; hop += 1) {
    const response = await send(current, origin, signal, options);
    if (!REDIRECTS.has(response.status)) return readResponse(current, response, signal, options);
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location');
    const next = location === null ? undefined : safeUrl(location, current);
    if (next === undefined) throw fail('invalid-response', current, `redirect without a valid Location`, response.status);
    if (hop >= options.maxRedirects) throw fail('redirect', current, `more than ${options.maxRedirects} redirects`, response.status);
    if (next.protocol !== 'https:' && next.protocol !== 'http:') throw fail('redirect', current, `redirect to a non-HTTP URL`, response.status);
    if (next.origin !== origin && !options.allowCrossOriginRedirects) {
      throw fail('redirect', current, `redirect to another origin (${redactUrl(next)}) refused`, response.status);
    }
    next.username = '';
    next.password = '';
    options.redirects.push({ from: redactUrl(current), to: redactUrl(next) });
    current = next;
  }
}

async function send(url: URL, origin: string, signal: AbortSignal, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: options.accept };
  if (options.authorization !== undefined && url.origin === origin) headers.authorization = options.authorization;
  try {
    return await options.fetch(url.href, { headers, redirect: 'manual', signal });
  } catch (error) {
    throw transportError(url, error, options.timeoutMs);
  }
}

async function readResponse(url: URL, response: Response, signal: AbortSignal, options: RequestOptions): Promise<IndexResponse> {
  const contentType = (response.headers.get('content-type') ?? '').toLowerCase();
  if (response.status === 404) {
    await response.body?.cancel().catch(() => undefined);
    return { status: 404, url: redactUrl(url), contentType, body: '' };
  }
  if (response.status < 200 || response.status > 299) {
    await response.body?.cancel().catch(() => undefined);
    throw fail('status', url, `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, response.status);
  }
  const body = await readBody(url, response, signal, options);
  return { status: response.status, url: redactUrl(url), contentType, body };
}

async function readBody(url: URL, response: Response, signal: AbortSignal, options: RequestOptions): Promise<string> {
  try {
    return await readBoundedText(response, options.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw fail('too-large', url, `response ${error.message}`, response.status);
    throw transportError(url, signal.aborted ? signal.reason : error, options.timeoutMs);
  }
}

function transportError(url: URL, error: unknown, timeoutMs: number): PackageIndexError {
  const failure = transportFailure(error, timeoutMs);
  return fail(failure.kind, url, failure.detail, undefined, error);
}

function fail(reason: PackageIndexError['reason'], url: URL, what: string, status?: number, cause?: unknown): PackageIndexError {
  const safe = redactUrl(url);
  return new PackageIndexError(reason, safe, `package index ${safe}: ${what}`, { ...(status === undefined ? {} : { status }), cause });
}

function safeUrl(location: string, base: URL): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}
