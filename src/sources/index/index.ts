import { normalizePythonName } from '../../core/python-metadata.js';
import type { IndexFile, IndexProject, PackageIndex } from '../../core/sources.js';
import { PackageIndexError, redactUrl } from './errors.js';
import { toHashes } from './hashes.js';
import { parseSimpleHtml } from './html.js';
import { getIndexPage, type IndexResponse } from './request.js';
import { pep691ProjectSchema } from './schema.js';

export { PackageIndexError, redactUrl, type PackageIndexFailure } from './errors.js';
export { parseSimpleHtml } from './html.js';

export interface PackageIndexOptions {
  /** Injected for tests and proxies; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** For one project page, connection and body together (default 30 s). */
  timeoutMs?: number;
  /** Largest project page read (default 64 MiB; PyPI's largest JSON pages are tens of MiB). */
  maxBodyBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /**
   * Follow redirects to another origin (default false: refused with an error, since an index that sends
   * clients elsewhere is itself worth a look). Credentials are never sent to another origin.
   */
  allowCrossOriginRedirects?: boolean;
}

/** A package index client that also says which redirects it followed. */
export interface PackageIndexClient extends PackageIndex {
  readonly redirects: readonly { from: string; to: string }[];
}

export const SIMPLE_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';
const JSON_TYPES = ['application/vnd.pypi.simple.v1+json', 'application/json'];

/**
 * A PEP 691 / PEP 503 simple index at `url` (the `/simple/` base). Asks for JSON and falls back to HTML by
 * content type; names are PEP 503-normalized in the URL; a 404 is "no such project". Credentials in the URL
 * are sent as HTTP Basic to the index's origin only and never appear in errors or in `url`.
 */
export function createPackageIndex(url: string, options: PackageIndexOptions = {}): PackageIndexClient {
  let base: URL;
  try {
    base = new URL(url.endsWith('/') ? url : `${url}/`);
  } catch {
    throw new PackageIndexError('invalid-response', redactUrl(url), `package index ${redactUrl(url)}: not a valid URL`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new PackageIndexError('invalid-response', redactUrl(base), `package index ${redactUrl(base)}: only http and https indexes are supported`);
  }
  const authorization = basicAuthorization(base);
  base.username = '';
  base.password = '';
  const redirects: { from: string; to: string }[] = [];
  const settings = {
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 5,
    allowCrossOriginRedirects: options.allowCrossOriginRedirects ?? false,
    accept: SIMPLE_ACCEPT,
    redirects,
    ...(authorization === undefined ? {} : { authorization }),
  };
  return {
    url: redactUrl(url),
    redirects,
    async project(normalizedName: string): Promise<IndexProject | undefined> {
      const name = normalizePythonName(normalizedName);
      if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name)) return undefined;
      const response = await getIndexPage(new URL(`${name}/`, base), settings);
      if (response.status === 404) return undefined;
      return JSON_TYPES.some((type) => response.contentType.startsWith(type)) ? fromJson(response, name) : fromHtml(response, name);
    },
  };
}

function fromJson(response: IndexResponse, name: string): IndexProject {
  let document: unknown;
  try {
    document = JSON.parse(response.body);
  } catch (error) {
    throw new PackageIndexError('invalid-response', response.url, `package index ${response.url}: invalid JSON (${(error as Error).message})`, { status: response.status, cause: error });
  }
  const parsed = pep691ProjectSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : 'wrong shape';
    throw new PackageIndexError('invalid-response', response.url, `package index ${response.url}: not a PEP 691 project page (${where})`, { status: response.status });
  }
  const files: IndexFile[] = [];
  for (const file of parsed.data.files) {
    const url = resolve(file.url, response.url);
    if (url === undefined) continue;
    files.push({
      filename: file.filename,
      url,
      hashes: toHashes(file.hashes),
      ...(file['requires-python'] ? { requiresPython: file['requires-python'] } : {}),
      yanked: file.yanked === true || (typeof file.yanked === 'string'),
    });
  }
  return { name: parsed.data.name || name, files, ...(parsed.data.versions ? { versions: parsed.data.versions } : {}) };
}

function fromHtml(response: IndexResponse, name: string): IndexProject {
  return { name, files: parseSimpleHtml(response.body, response.url) };
}

function resolve(url: string, base: string): string | undefined {
  try {
    return new URL(url, base).href;
  } catch {
    return undefined;
  }
}

function basicAuthorization(url: URL): string | undefined {
  if (url.username === '' && url.password === '') return undefined;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
