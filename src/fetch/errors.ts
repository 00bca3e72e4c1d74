/**
 * Why a fetch failed. `rejected` reasons mean the bytes or the source were refused (exit 1 in the CLI);
 * `unusable` ones mean the input or the server could not be used (exit 2).
 */
export type FetchFailure =
  | 'bad-source'
  | 'untrusted'
  | 'digest-mismatch'
  | 'size-limit'
  | 'findings'
  | 'lock-mismatch'
  | 'http-status'
  | 'gated'
  | 'not-found'
  | 'network'
  | 'timeout'
  | 'invalid-response'
  | 'redirect'
  | 'output';

const REJECTED: ReadonlySet<FetchFailure> = new Set(['untrusted', 'digest-mismatch', 'size-limit', 'findings', 'lock-mismatch']);

export class FetchError extends Error {
  readonly reason: FetchFailure;

  constructor(reason: FetchFailure, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FetchError';
    this.reason = reason;
  }

  /** The bytes or the source were refused, as opposed to a failure to get them. */
  get rejected(): boolean {
    return REJECTED.has(this.reason);
  }
}
