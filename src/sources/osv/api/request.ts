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
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > options.maxBodyBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new OsvApiError('too-large', shown, `OSV API ${shown}: answer of ${declared} bytes is over the ${options.maxBodyBytes}-byte limit`, { status: response.status });
  }
  const text = await readBody(shown, response, signal, options);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new OsvApiError('invalid-response', shown, `OSV API ${shown}: the answer is not JSON (${(error as Error).message})`, { status: response.status, cause: error });
  }
}

async function readBody(shown: string, response: Response, signal: AbortSignal, options: JsonRequestOptions): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > options.maxBodyBytes) {
        await reader.cancel().catch(() => undefined);
        throw new OsvApiError('too-large', shown, `OSV API ${shown}: answer is over the ${options.maxBodyBytes}-byte limit`, { status: response.status });
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof OsvApiError) throw error;
    throw transportError(shown, signal.aborted ? signal.reason : error, options.timeoutMs);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function transportError(shown: string, error: unknown, timeoutMs: number): OsvApiError {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new OsvApiError('timeout', shown, `OSV API ${shown}: no complete answer within ${timeoutMs} ms`, { cause: error });
  }
  const code = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  return new OsvApiError('network', shown, `OSV API ${shown}: cannot connect${code ? ` (${code})` : ''}`, { cause: error });
}
