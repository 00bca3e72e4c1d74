import { HubError } from './errors.js';
import { getHubJson, send, type HubRequestOptions } from './request.js';
import { revisionInfoSchema, treePageSchema } from './schema.js';

export type HubRepoType = 'model' | 'dataset';

export interface HubRepo {
  repoType: HubRepoType;
  /** `ORG/NAME`, already validated by the caller. */
  repo: string;
}

/** A file of a repository at one commit, with the digests the hub publishes for it. */
export interface HubFile {
  path: string;
  size: number;
  /** Git blob sha1 of the file as stored in git (for LFS files: of the pointer). */
  blobSha1: string;
  /** sha256 of the content, for LFS files. */
  sha256?: string;
}

/** What `HEAD /{repo}/resolve/{commit}/{path}` says before any redirect. */
export interface HubFileHeaders {
  commit?: string;
  /** `X-Linked-Etag`: the sha256 of an LFS file. */
  linkedSha256?: string;
  linkedSize?: number;
  /** `ETag` without quotes: the git blob sha1 of a small file. */
  etag?: string;
}

export interface HubClientOptions {
  /** Default https://huggingface.co. */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Pages of a tree listing read before giving up. */
  maxPages?: number;
  /** A hub token, sent to the hub's origin only. */
  token?: string;
}

export interface HubClient {
  readonly baseUrl: URL;
  /** The full commit hash a branch, tag or commit names. */
  resolveRevision(repo: HubRepo, revision: string): Promise<string>;
  /** Every file of the repository at `commit`, sorted by path. */
  listFiles(repo: HubRepo, commit: string): Promise<HubFile[]>;
  fileUrl(repo: HubRepo, commit: string, path: string): URL;
  fileHeaders(repo: HubRepo, commit: string, path: string): Promise<HubFileHeaders>;
  /** The `Authorization` header value for requests to the hub origin, if a token is set. */
  readonly authorization: string | undefined;
}

export const DEFAULT_HUB_URL = 'https://huggingface.co';
const DEFAULT_MAX_PAGES = 1000;

export function createHubClient(options: HubClientOptions): HubClient {
  const baseUrl = new URL(options.baseUrl ?? DEFAULT_HUB_URL);
  if (!baseUrl.pathname.endsWith('/')) baseUrl.pathname += '/';
  const request: HubRequestOptions = {
    fetch: options.fetch ?? fetch,
    timeoutMs: options.timeoutMs,
    maxBodyBytes: options.maxBodyBytes,
    ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
  };
  const api = (repo: HubRepo, tail: string) => new URL(`api/${repo.repoType}s/${repo.repo}/${tail}`, baseUrl);

  return {
    baseUrl,
    authorization: request.authorization,
    async resolveRevision(repo, revision) {
      const url = api(repo, `revision/${encodeURIComponent(revision)}`);
      const { body } = await getHubJson(url, request);
      const parsed = revisionInfoSchema.safeParse(body);
      if (!parsed.success) throw new HubError('invalid-response', url.href, `hub ${url.href}: revision info without a 40-hex "sha"`);
      return parsed.data.sha;
    },
    async listFiles(repo, commit) {
      let url: URL | undefined = api(repo, `tree/${commit}?recursive=1`);
      const files = new Map<string, HubFile>();
      for (let page = 0; url !== undefined; page += 1) {
        if (page >= (options.maxPages ?? DEFAULT_MAX_PAGES)) throw new HubError('too-large', url.href, `hub ${url.href}: more than ${options.maxPages ?? DEFAULT_MAX_PAGES} pages of files`);
        const current: URL = url;
        const { body, next } = await getHubJson(current, request);
        const parsed = treePageSchema.safeParse(body);
        if (!parsed.success) throw new HubError('invalid-response', current.href, `hub ${current.href}: invalid tree listing (${parsed.error.issues[0]?.message ?? 'unknown'})`);
        for (const entry of parsed.data) {
          if (entry.type !== 'file') continue;
          if (files.has(entry.path)) throw new HubError('invalid-response', current.href, `hub ${current.href}: ${entry.path} is listed twice`);
          files.set(entry.path, { path: entry.path, size: entry.lfs?.size ?? entry.size, blobSha1: entry.oid, ...(entry.lfs ? { sha256: entry.lfs.oid } : {}) });
        }
        if (next !== undefined && next.origin !== baseUrl.origin) throw new HubError('redirect', current.href, `hub ${current.href}: next page on another origin (${next.origin}) refused`);
        url = next;
      }
      return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
    fileUrl(repo, commit, path) {
      const prefix = repo.repoType === 'dataset' ? 'datasets/' : '';
      const encoded = path.split('/').map(encodeURIComponent).join('/');
      return new URL(`${prefix}${repo.repo}/resolve/${commit}/${encoded}`, baseUrl);
    },
    async fileHeaders(repo, commit, path) {
      const url = this.fileUrl(repo, commit, path);
      const response = await send(url, baseUrl.origin, AbortSignal.timeout(options.timeoutMs), request, { method: 'HEAD', headers: { accept: '*/*' } });
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 400) throw new HubError(response.status === 404 ? 'not-found' : response.status === 401 || response.status === 403 ? 'gated' : 'status', url.href, `hub ${url.href}: HTTP ${response.status}`, { status: response.status });
      return readFileHeaders(response.headers);
    },
  };
}

export function readFileHeaders(headers: Headers): HubFileHeaders {
  const unquote = (value: string | null) => (value === null ? undefined : value.replace(/^W\//, '').replace(/^"(.*)"$/, '$1').toLowerCase());
  const commit = headers.get('x-repo-commit')?.toLowerCase();
  const linked = unquote(headers.get('x-linked-etag'));
  const size = headers.get('x-linked-size');
  const etag = unquote(headers.get('etag'));
  return {
    ...(commit !== undefined && /^[0-9a-f]{40}$/.test(commit) ? { commit } : {}),
    ...(linked !== undefined && /^[0-9a-f]{64}$/.test(linked) ? { linkedSha256: linked } : {}),
    ...(size !== null && /^\d{1,15}$/.test(size) ? { linkedSize: Number(size) } : {}),
    ...(etag !== undefined ? { etag } : {}),
  };
}
