import { BodyTooLargeError, readBoundedText, transportFailure } from '../http/bounded-body.js';
import { HubError, statusFailure } from './errors.js';

export interface HubRequestOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Sent to the hub's own origin only, never to a CDN a redirect points at. */
  authorization?: string;
}

export interface JsonPage {
  body: unknown;
  /** The `rel="next"` link of a paginated listing, resolved against the request URL. */
  next?: URL;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_API_REDIRECTS = 5;

/**
 * GETs a hub API document: redirects followed on the hub's own origin only (the API never sends clients
 * elsewhere), a timeout over the whole exchange, a bounded body, and JSON parsed but not yet validated.
 */
export async function getHubJson(url: URL, options: HubRequestOptions): Promise<JsonPage> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let current = url;
  for (let hop = 0; ; hop += 1) {
    const response = await send(current, url.origin, signal, options);
    if (REDIRECTS.has(response.status)) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      const next = location === null ? undefined : parseUrl(location, current);
      if (next === undefined || next.origin !== url.origin || hop >= MAX_API_REDIRECTS) throw new HubError('redirect', current.href, `hub ${current.href}: redirect to ${location ?? 'nowhere'} refused`, { status: response.status });
      current = next;
      continue;
    }
    if (response.status < 200 || response.status > 299) {
      await response.body?.cancel().catch(() => undefined);
      throw new HubError(statusFailure(response.status), current.href, `hub ${current.href}: HTTP ${response.status}${describeStatus(response.status)}`, { status: response.status });
    }
    const text = await readBody(current, response, signal, options);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new HubError('invalid-response', current.href, `hub ${current.href}: the answer is not JSON`, { cause: error });
    }
    const next = nextLink(response.headers.get('link'), current);
    return { body, ...(next === undefined ? {} : { next }) };
  }
}

export async function send(url: URL, hubOrigin: string, signal: AbortSignal, options: Pick<HubRequestOptions, 'fetch' | 'authorization' | 'timeoutMs'>, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (options.authorization !== undefined && url.origin === hubOrigin) headers.authorization = options.authorization;
  try {
    return await options.fetch(url.href, { method: init.method ?? 'GET', headers, redirect: 'manual', signal });
  } catch (error) {
    const failure = transportFailure(error, options.timeoutMs);
    throw new HubError(failure.kind, url.href, `hub ${url.href}: ${failure.detail}`, { cause: error });
  }
}

async function readBody(url: URL, response: Response, signal: AbortSignal, options: HubRequestOptions): Promise<string> {
  try {
    return await readBoundedText(response, options.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new HubError('too-large', url.href, `hub ${url.href}: response ${error.message}`);
    const failure = transportFailure(signal.aborted ? signal.reason : error, options.timeoutMs);
    throw new HubError(failure.kind, url.href, `hub ${url.href}: ${failure.detail}`, { cause: error });
  }
}

/** The target of `Link: <...>; rel="next"`, if any. */
export function nextLink(header: string | null, base: URL): URL | undefined {
  if (header === null) return undefined;
  for (const part of header.split(',')) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match && /(^|;)\s*rel="?next"?\s*(;|$)/.test(match[2]!)) return parseUrl(match[1]!, base);
  }
  return undefined;
}

function describeStatus(status: number): string {
  if (status === 401 || status === 403) return ' (gated or private repository: accept its terms on the hub and set HF_TOKEN)';
  if (status === 404) return ' (no such repository, revision or file)';
  return '';
}

/** `new URL` without throwing (URL.parse needs Node 22). */
export function parseUrl(text: string, base?: URL): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}
