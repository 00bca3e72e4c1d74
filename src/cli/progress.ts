import type { ScanProgress } from '../scan.js';

/** A one-line progress display on a terminal's stderr, redrawn at most ten times a second. */
export function createProgress(stream: NodeJS.WriteStream, enabled: boolean): { update(p: ScanProgress): void; done(): void } {
  if (!enabled || !stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  let drawn = false;
  return {
    update(progress) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      const counter = progress.total > 0 ? `${progress.done}/${progress.total}` : `${progress.done}`;
      let line = `aigis: ${progress.phase} ${counter} ${progress.path ?? ''}`;
      if (line.length > width) line = `${line.slice(0, width - 1)}…`;
      stream.write(`\r\x1b[2K${line}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
