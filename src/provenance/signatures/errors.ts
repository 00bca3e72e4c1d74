import { AigisError } from '../../core/errors.js';

/**
 * Unusable input (a malformed signature, key or allowed_signers file): the CLI turns it into exit 2.
 * `USAGE` is the nearest existing code; a dedicated `SIGNATURE_INVALID` code would replace it here only.
 */
export function unusable(file: string, problem: string, cause?: unknown): AigisError {
  return new AigisError('USAGE', `${file}: ${problem}`, { path: file, ...(cause === undefined ? {} : { cause }) });
}
