export type AigisErrorCode =
  | 'USAGE'
  | 'CONFIG_INVALID'
  | 'POLICY_INVALID'
  | 'PATH_NOT_FOUND'
  | 'OUTPUT_FAILED'
  | 'OSV_UNAVAILABLE'
  | 'INDEX_UNAVAILABLE'
  /** A signature, key, certificate, trust root or signature bundle that cannot be read as one. */
  | 'SIGNATURE_INVALID'
  /** A hash manifest that cannot be read as one. */
  | 'MANIFEST_INVALID'
  /** A path refused because it would reach outside the folder it belongs to. */
  | 'PATH_REFUSED'
  | 'INTERNAL';

/** The one error class of aigis; callers branch on `code`, never on message text. */
export class AigisError extends Error {
  readonly code: AigisErrorCode;
  readonly path: string | undefined;

  constructor(code: AigisErrorCode, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AigisError';
    this.code = code;
    this.path = options.path;
  }
}
