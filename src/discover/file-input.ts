import { closeSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from '../core/bytes.js';
import type { SniffProbe } from '../core/extractor.js';

export const HEAD_BYTES = 64 * 1024;
export const TAIL_BYTES = 66 * 1024;

/** A ByteSource over an open file descriptor; reads are positional, so nothing is loaded until asked for. */
export class FileSource implements ByteSource {
  readonly size: number;
  private fd: number | undefined;

  constructor(readonly absolutePath: string, size: number) {
    this.size = size;
  }

  read(offset: number, length: number): Uint8Array {
    if (offset >= this.size || length <= 0 || offset < 0) return new Uint8Array(0);
    const wanted = Math.min(length, this.size - offset);
    const buffer = Buffer.allocUnsafe(wanted);
    this.fd ??= openSync(this.absolutePath, 'r');
    let filled = 0;
    while (filled < wanted) {
      const n = readSync(this.fd, buffer, filled, wanted - filled, offset + filled);
      if (n === 0) break;
      filled += n;
    }
    return filled === wanted ? buffer : buffer.subarray(0, filled);
  }

  probe(): SniffProbe {
    const head = this.read(0, HEAD_BYTES);
    const tailStart = Math.max(0, this.size - TAIL_BYTES);
    const tail = this.read(tailStart, TAIL_BYTES);
    return { head, tail, size: this.size };
  }

  close(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}
