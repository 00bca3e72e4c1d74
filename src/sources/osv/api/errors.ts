import { AigisError } from '../../../core/errors.js';

/** Why the OSV API could not answer. */
export type OsvApiFailure = 'status' | 'timeout' | 'too-large' | 'invalid-response' | 'network';

/**
 * The OSV API could not answer. Code `OSV_UNAVAILABLE`; the message names the URL (without credentials or
 * query string) and the HTTP status, never a request body or header.
 */
export class OsvApiError extends AigisError {
  readonly reason: OsvApiFailure;
  readonly url: string;
  readonly status: number | undefined;

  constructor(reason: OsvApiFailure, url: string, message: string, options: { status?: number; cause?: unknown } = {}) {
    super('OSV_UNAVAILABLE', message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'OsvApiError';
    this.reason = reason;
    this.url = url;
    this.status = options.status;
  }
}

/** The URL for messages: no `user:password@`, no query string, no fragment. */
export function safeUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  copy.search = '';
  copy.hash = '';
  return copy.href;
}
