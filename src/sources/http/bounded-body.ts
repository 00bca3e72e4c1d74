/** Raised by `readBoundedText` when a body grows past its limit; callers turn it into their own error. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number, readonly declared?: number) {
    super(declared === undefined ? `is larger than the ${limit}-byte limit` : `of ${declared} bytes is larger than the ${limit}-byte limit`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a response body as UTF-8 text, refusing more than `maxBytes` (announced by Content-Length or
 * counted while reading): a hostile or broken server cannot make the client buffer without bound.
 */
export async function readBoundedText(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes, declared);
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Says why a request failed below HTTP: it timed out (or was aborted), or it could not connect. */
export function transportFailure(error: unknown, timeoutMs: number): { kind: 'timeout' | 'network'; detail: string } {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', detail: `no complete answer within ${timeoutMs} ms` };
  const code = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  return { kind: 'network', detail: `cannot connect${code ? ` (${code})` : ''}` };
}
