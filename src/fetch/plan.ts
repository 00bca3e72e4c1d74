import { matchesGlob } from '../discover/glob.js';
import type { LockedArtifact } from '../lock/index.js';
import type { HubClient, HubFile } from '../sources/hub/client.js';
import { HubError } from '../sources/hub/errors.js';
import { FetchError } from './errors.js';
import { formatSource, type HubSource, type WebSource } from './source-url.js';

/** One file to download, with every digest known for it before the first byte arrives. */
export interface PlannedFile {
  /** Relative path inside the output folder. */
  path: string;
  url: URL;
  size?: number;
  sha256?: string;
  blobSha1?: string;
}

export interface FetchPlan {
  kind: LockedArtifact['kind'];
  /** The source as it goes into the lock: for the hub, pinned to the commit. */
  source: string;
  repo?: string;
  commit?: string;
  files: PlannedFile[];
}

/** Resolves a hub source to a commit and lists its files (all, those matching `include`, or the locked ones). */
export async function planHub(source: HubSource, hub: HubClient, include: readonly string[], locked?: LockedArtifact): Promise<FetchPlan> {
  const repo = { repoType: source.repoType, repo: source.repo };
  const commit = await hubCall(() => hub.resolveRevision(repo, locked?.commit ?? source.revision ?? 'main'));
  if (locked?.commit !== undefined && commit !== locked.commit) throw new FetchError('lock-mismatch', `${source.repo}: the hub resolves the locked commit ${locked.commit} to ${commit}`);
  if (source.revision !== undefined && /^[0-9a-f]{40}$/.test(source.revision) && commit !== source.revision) {
    throw new FetchError('invalid-response', `${source.repo}: the hub resolved commit ${source.revision} to ${commit}`);
  }
  const listed = await hubCall(() => hub.listFiles(repo, commit));
  const chosen = locked ? lockedFiles(listed, locked, source) : listed.filter((file) => include.length === 0 || include.some((glob) => matchesGlob(file.path, glob)));
  if (chosen.length === 0) throw new FetchError('not-found', `${formatSource(source)}: no file at commit ${commit} matches ${include.length === 0 ? 'anything' : include.join(', ')}`);
  return {
    kind: source.repoType,
    source: formatSource({ ...source, revision: commit }),
    repo: source.repo,
    commit,
    files: chosen.map((file) => ({
      path: file.path,
      url: hub.fileUrl(repo, commit, file.path),
      size: file.size,
      blobSha1: file.blobSha1,
      ...(file.sha256 === undefined ? {} : { sha256: file.sha256 }),
    })),
  };
}

function lockedFiles(listed: HubFile[], locked: LockedArtifact, source: HubSource): HubFile[] {
  const byPath = new Map(listed.map((file) => [file.path, file]));
  return locked.file.map((entry) => {
    const file = byPath.get(entry.path);
    if (file === undefined) throw new FetchError('lock-mismatch', `${source.repo}@${locked.commit}: ${entry.path} is in aigis.lock but not in the repository`);
    if (file.size !== entry.size || (file.sha256 !== undefined && file.sha256 !== entry.sha256)) {
      throw new FetchError('lock-mismatch', `${source.repo}@${locked.commit}: the hub describes ${entry.path} differently from aigis.lock`);
    }
    return { ...file, sha256: entry.sha256 };
  });
}

/** A plain URL: one file named after the last path segment, checked against the sha256 the user gave. */
export function planUrl(source: WebSource, sha256: string | undefined, locked?: LockedArtifact): FetchPlan {
  const expected = locked?.file[0]?.sha256 ?? sha256?.toLowerCase();
  if (expected === undefined || !/^[0-9a-f]{64}$/.test(expected)) throw new FetchError('bad-source', `${source.href}: a URL source needs --sha256 with 64 hex digits`);
  const name = fileNameOf(source);
  if (locked !== undefined && locked.file[0]?.path !== name) throw new FetchError('lock-mismatch', `${source.href}: aigis.lock names the file ${locked.file[0]?.path ?? '(none)'}, the URL ${name}`);
  return { kind: 'url', source: source.href, files: [{ path: name, url: new URL(source.href), sha256: expected, ...(locked?.file[0] ? { size: locked.file[0].size } : {}) }] };
}

function fileNameOf(source: WebSource): string {
  const last = source.path.split('/').pop() ?? '';
  let name: string;
  try {
    name = decodeURIComponent(last);
  } catch {
    name = '';
  }
  if (name === '' || name === '.' || name === '..' || /[/\\:\u0000-\u001f]/.test(name) || name.length > 255) {
    throw new FetchError('bad-source', `${source.href}: the URL does not end in a usable file name`);
  }
  return name;
}

async function hubCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof HubError)) throw error;
    const reason = error.reason === 'status' || error.reason === 'too-large' ? 'http-status' : error.reason;
    throw new FetchError(reason, error.message, { cause: error });
  }
}
