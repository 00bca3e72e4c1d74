import { BodyTooLargeError, readBoundedText, transportFailure } from '../../http/bounded-body.js';
import { OsvApiError, safeUrl } from './errors.js';

export interface JsonRequestOptions {
  fetch: typeof fetch;
  /** For the whole exchange: connection, headers and body. */
  timeoutMs: number;
  maxBodyBytes: number;
}

/**
 * Sends one request and parses a JSON answer. A status other than 2xx, a timeout, a body over the limit or a
 * body that is not JSON throws OsvApiError naming the URL and status. Redirects are not followed: the OSV API
 * does not send them, and following one would send the query elsewhere.
 */
export async function requestJson(url: URL, init: { method: 'GET' | 'POST'; body?: unknown }, options: JsonRequestOptions): Promise<unknown> {
  const shown = safeUrl(url);
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await options.fetch(url.href, {
      method: init.method,
      headers: { accept: 'application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    throw transportError(shown, error, options.timeoutMs);
  }
  if (response.status < 200 || response.status > 299) {
    await response.body?.cancel().catch(() => undefined);
    throw new OsvApiError('status', shown, `OSV API ${init.method} ${shown}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, { status: response.status });
  }
  const text = await readBody(shown, response, signal, options);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new OsvApiError('invalid-response', shown, `OSV API ${shown}: the answer is not JSON (${(error as Error).message})`, { status: response.status, cause: error });
  }
}

async function readBody(shown: string, response: Response, signal: AbortSignal, options: JsonRequestOptions): Promise<string> {
  try {
    return await readBoundedText(response, options.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw new OsvApiError('too-large', shown, `OSV API ${shown}: answer ${error.message}`, { status: response.status });
    }
    throw transportError(shown, signal.aborted ? signal.reason : error, options.timeoutMs);
  }
}

function transportError(shown: string, error: unknown, timeoutMs: number): OsvApiError {
  const failure = transportFailure(error, timeoutMs);
  return new OsvApiError(failure.kind, shown, `OSV API ${shown}: ${failure.detail}`, { cause: error });
}
