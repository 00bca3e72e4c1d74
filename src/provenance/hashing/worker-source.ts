import { READ_BUFFER_BYTES } from './types.js';

/**
 * The hashing worker, as source evaluated by `new Worker(..., { eval: true })`: a file beside the module
 * would not exist when the TypeScript sources run under the test runner. It hashes one file at a time
 * with synchronous reads into one reused buffer (a worker has nothing else to do while it waits).
 *
 * in:  { id, path }
 * out: { id, kind: 'progress', bytes } | { id, kind: 'done', sha256, size } | { id, kind: 'error', errno, message }
 */
export const HASH_WORKER_SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const buffer = Buffer.allocUnsafe(${READ_BUFFER_BYTES});
parentPort.on('message', ({ id, path }) => {
  let fd;
  try {
    fd = openSync(path, 'r');
    const hash = createHash('sha256');
    let size = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(n === buffer.length ? buffer : buffer.subarray(0, n));
      size += n;
      parentPort.postMessage({ id, kind: 'progress', bytes: n });
    }
    parentPort.postMessage({ id, kind: 'done', sha256: hash.digest('hex'), size });
  } catch (error) {
    parentPort.postMessage({ id, kind: 'error', errno: error && error.code, message: String(error && error.message) });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
});
`;
