import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AigisError } from '../../core/errors.js';
import { hashFile, unreadable } from './hash-file.js';
import { READ_BUFFER_BYTES, type FileDigest, type HashProgress } from './types.js';
import { HASH_WORKER_SOURCE } from './worker-source.js';

export interface HashFilesOptions {
  /** Files hashed at once, one worker thread each; 1 hashes on this thread. Default: the cores available, or 1 for under 32 MiB in all. */
  concurrency?: number;
  onProgress?: (progress: HashProgress) => void;
  signal?: AbortSignal;
}

/** Below this many bytes in all, starting threads costs more than it saves: hash on this thread. */
const SMALL_TOTAL_BYTES = 32 * 1024 * 1024;

type WorkerMessage =
  | { id: number; kind: 'progress'; bytes: number }
  | { id: number; kind: 'done'; sha256: string; size: number }
  | { id: number; kind: 'error'; errno?: string; message: string };

/**
 * Hashes many files, keyed by the paths given. Files are handed out largest first to a pool of worker
 * threads, so that a tree of shards keeps every core busy until the end.
 */
export async function hashFiles(paths: readonly string[], options: HashFilesOptions = {}): Promise<Map<string, FileDigest>> {
  const unique = [...new Set(paths)];
  const sizes = new Map<string, number>();
  for (const path of unique) {
    try {
      sizes.set(path, statSync(path).size);
    } catch (error) {
      throw unreadable(path, error);
    }
  }
  const progress: HashProgress = { bytesDone: 0, bytesTotal: [...sizes.values()].reduce((a, b) => a + b, 0), filesDone: 0, filesTotal: unique.length };
  options.onProgress?.({ ...progress });
  const wanted = options.concurrency ?? (progress.bytesTotal < SMALL_TOTAL_BYTES ? 1 : availableParallelism());
  const concurrency = Math.max(1, Math.min(wanted, unique.length));
  const order = [...unique].sort((a, b) => sizes.get(b)! - sizes.get(a)!);
  return concurrency === 1 ? hashOnThisThread(order, progress, options) : hashInWorkers(order, concurrency, progress, options);
}

async function hashOnThisThread(paths: string[], progress: HashProgress, options: HashFilesOptions): Promise<Map<string, FileDigest>> {
  const results = new Map<string, FileDigest>();
  const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  for (const path of paths) {
    const before = progress.bytesDone;
    const digest = await hashFile(path, {
      buffer,
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (bytes) => {
        progress.bytesDone = before + bytes;
        options.onProgress?.({ ...progress });
      },
    });
    progress.filesDone++;
    options.onProgress?.({ ...progress });
    results.set(path, digest);
  }
  return results;
}

function hashInWorkers(paths: string[], concurrency: number, progress: HashProgress, options: HashFilesOptions): Promise<Map<string, FileDigest>> {
  return new Promise((resolve, reject) => {
    const results = new Map<string, FileDigest>();
    const workers: Worker[] = [];
    let next = 0;
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const worker of workers) void worker.terminate();
      if (error === undefined) resolve(results);
      else reject(error);
    };
    const onAbort = () => finish(options.signal?.reason);
    if (options.signal?.aborted) return finish(options.signal.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const assign = (worker: Worker) => {
      if (next >= paths.length) return;
      worker.postMessage({ id: next, path: paths[next] });
      next++;
    };
    for (let i = 0; i < concurrency; i++) {
      const worker = new Worker(HASH_WORKER_SOURCE, { eval: true });
      workers.push(worker);
      worker.on('message', (message: WorkerMessage) => {
        if (settled) return;
        const path = paths[message.id]!;
        if (message.kind === 'progress') {
          progress.bytesDone += message.bytes;
          options.onProgress?.({ ...progress });
          return;
        }
        if (message.kind === 'error') return finish(unreadable(path, Object.assign(new Error(message.message), { code: message.errno })));
        results.set(path, { sha256: message.sha256, size: message.size });
        progress.filesDone++;
        options.onProgress?.({ ...progress });
        if (results.size === paths.length) return finish();
        assign(worker);
      });
      worker.on('error', (error) => finish(new AigisError('INTERNAL', `hashing worker failed: ${error.message}`, { cause: error })));
      worker.on('exit', (code) => finish(new AigisError('INTERNAL', `hashing worker stopped early (exit code ${code})`)));
      assign(worker);
    }
  });
}
