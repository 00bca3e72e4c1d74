// Child process: parses one file with aigis and prints {ms, peakRssMB, streams, error} as JSON.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const [modulePath, file] = process.argv.slice(2);
const { scanPickleSource } = await import(modulePath);

const fd = openSync(file, 'r');
const size = fstatSync(fd).size;
const source = {
  size,
  read(offset, length) {
    const n = Math.max(0, Math.min(length, size - offset));
    const buffer = Buffer.allocUnsafeSlow(n);
    const got = readSync(fd, buffer, 0, n, offset);
    return buffer.subarray(0, got);
  },
};
const limits = { maxPickleOpcodes: 100_000_000, maxPickleStreams: 64 };
scanPickleSource(source, limits); // warm-up, so the timed run measures optimized code
const start = performance.now();
const result = scanPickleSource(source, limits);
const ms = performance.now() - start;
closeSync(fd);
const stream = result.streams[0];
process.stdout.write(
  JSON.stringify({
    ms,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    opcodes: stream?.opcodeCount ?? 0,
    error: stream?.error?.code ?? null,
  }),
);
