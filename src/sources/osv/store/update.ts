import { open, rm } from 'node:fs/promises';
import { mkdirSync, openSync, readSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildDatabase, temporaryPathFor, type BuildResult } from './build.js';

export const DEFAULT_OSV_ZIP_URL = 'https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip';
/** OSV's PyPI all.zip is tens of MB; far more is not it. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 5 * 60 * 1000;

export interface UpdateOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
  now?: () => Date;
}

export interface UpdateResult extends BuildResult {
  url: string;
  downloadedBytes: number;
}

/**
 * Downloads an OSV zip (OSV's PyPI all.zip by default), checks that it is complete and holds at least one
 * valid record, and atomically replaces the database at `targetPath` with one built from it. On any
 * failure the old database is left exactly as it was and an Error naming the URL and the problem is thrown.
 */
export async function updateFromUrl(targetPath: string, url: string, options: UpdateOptions = {}): Promise<UpdateResult> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  const now = options.now ?? (() => new Date());
  mkdirSync(dirname(targetPath), { recursive: true });
  const zipPath = `${temporaryPathFor(targetPath)}.zip`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    const { bytes, lastModified } = await download(fetchImpl, url, zipPath, maxBytes, controller.signal);
    checkZipMagic(zipPath);
    const snapshot = lastModified ?? now();
    const built = buildDatabase(targetPath, { kind: 'zip', path: zipPath }, {
      source: `OSV ${url}`,
      snapshotDate: snapshot.toISOString().slice(0, 10),
      now,
    });
    return { ...built, url, downloadedBytes: bytes };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot update the OSV database from ${url}: ${reason}`, { cause: error });
  } finally {
    clearTimeout(timer);
    await rm(zipPath, { force: true });
  }
}

async function download(
  fetchImpl: typeof fetch,
  url: string,
  path: string,
  maxBytes: number,
  signal: AbortSignal,
): Promise<{ bytes: number; lastModified?: Date }> {
  let response: Response;
  try {
    response = await fetchImpl(url, { signal, redirect: 'follow', headers: { accept: 'application/zip, application/octet-stream' } });
  } catch (error) {
    throw new Error(`request failed: ${describe(error, signal)}`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`the server announces ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  if (response.body === null) throw new Error('the response has no body');
  const file = await open(path, 'w');
  let bytes = 0;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      if (bytes > maxBytes) throw new Error(`the download exceeds the ${maxBytes}-byte limit`);
      await file.write(chunk);
    }
  } catch (error) {
    if (error instanceof Error && error.message.includes('-byte limit')) throw error;
    throw new Error(`the download was interrupted after ${bytes} bytes: ${describe(error, signal)}`, { cause: error });
  } finally {
    await file.close();
  }
  if (Number.isFinite(declared) && bytes !== declared) {
    throw new Error(`truncated download: ${bytes} of the announced ${declared} bytes`);
  }
  const header = response.headers.get('last-modified');
  const lastModified = header === null ? undefined : new Date(header);
  return lastModified === undefined || Number.isNaN(lastModified.getTime()) ? { bytes } : { bytes, lastModified };
}

function describe(error: unknown, signal: AbortSignal): string {
  if (signal.aborted && signal.reason instanceof Error) return signal.reason.message;
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${message}${cause}`;
}

/** An HTML error page served with 200 is the usual impostor: say so before trying to list it. */
function checkZipMagic(path: string): void {
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(16);
  let n: number;
  try {
    n = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (n === 0) throw new Error('the download is empty');
  if (head[0] !== 0x50 || head[1] !== 0x4b) {
    const text = head.subarray(0, n).toString('latin1').replace(/[^\x20-\x7e]/g, '.');
    throw new Error(`not a zip archive (it starts with ${JSON.stringify(text)})`);
  }
}
