/** Why talking to a package index failed; the CLI maps this to its own error and exit code. */
export type PackageIndexFailure = 'status' | 'timeout' | 'too-large' | 'invalid-response' | 'network' | 'redirect';

/** A package index could not answer. The message names the URL (credentials removed) and the status. */
export class PackageIndexError extends Error {
  readonly reason: PackageIndexFailure;
  /** The URL asked for, without credentials. */
  readonly url: string;
  readonly status: number | undefined;

  constructor(reason: PackageIndexFailure, url: string, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PackageIndexError';
    this.reason = reason;
    this.url = url;
    this.status = options.status;
  }
}

/** The URL with any `user:password@` replaced by `***@`, safe for messages and reports. */
export function redactUrl(url: string | URL): string {
  try {
    const parsed = new URL(String(url));
    if (parsed.username === '' && parsed.password === '') return parsed.href;
    parsed.username = '***';
    parsed.password = '';
    return parsed.href;
  } catch {
    return String(url).replace(/\/\/[^/@\s]*@/, '//***@');
  }
}
