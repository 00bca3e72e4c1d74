import { closeSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from '../../core/bytes.js';

/** Random access to a file on disk, for reading a wheel's central directory without loading the wheel. */
export function withFileSource<T>(path: string, size: number, use: (source: ByteSource) => T): T {
  const fd = openSync(path, 'r');
  try {
    const source: ByteSource = {
      size,
      read(offset, length) {
        const start = Math.max(0, Math.min(offset, size));
        const count = Math.max(0, Math.min(length, size - start));
        const buffer = new Uint8Array(count);
        let done = 0;
        while (done < count) {
          const n = readSync(fd, buffer, done, count - done, start + done);
          if (n === 0) break;
          done += n;
        }
        return buffer.subarray(0, done);
      },
    };
    return use(source);
  } finally {
    closeSync(fd);
  }
}
