/** Why the hub could not answer; callers map this to their own errors. */
export type HubFailure = 'status' | 'gated' | 'not-found' | 'timeout' | 'network' | 'too-large' | 'invalid-response' | 'redirect';

/** A Hugging Face Hub request failed. The message names the URL and the status. */
export class HubError extends Error {
  readonly reason: HubFailure;
  readonly url: string;
  readonly status: number | undefined;

  constructor(reason: HubFailure, url: string, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HubError';
    this.reason = reason;
    this.url = url;
    this.status = options.status;
  }
}

/** Maps an HTTP status the hub answered with to a failure reason: 401/403 gated or private, 404 absent. */
export function statusFailure(status: number): HubFailure {
  if (status === 401 || status === 403) return 'gated';
  if (status === 404) return 'not-found';
  return 'status';
}
