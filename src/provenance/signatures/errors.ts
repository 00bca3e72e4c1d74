import { AigisError } from '../../core/errors.js';

/**
 * Unusable input (a malformed signature, key or allowed_signers file): the CLI turns it into exit 2.
 */
export function unusable(file: string, problem: string, cause?: unknown): AigisError {
  return new AigisError('SIGNATURE_INVALID', `${file}: ${problem}`, { path: file, ...(cause === undefined ? {} : { cause }) });
}
