// Writes the benchmark pickles into bench/.work/ without holding them in memory.
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';

/** A protocol-4 pickle that is one BINBYTES8 payload of `payloadBytes`, written as a sparse file. */
export function writePayloadPickle(path, payloadBytes) {
  if (existsSync(path) && statSync(path).size === payloadBytes + 32) return;
  const head = Buffer.from([0x80, 4, 0x8c, 7, ...Buffer.from('weights'), 0x8e, ...u64(payloadBytes)]);
  const tail = Buffer.from([0x86, 0x2e]);
  const padding = 32 - head.length - tail.length;
  const name = Buffer.from([0x8c, padding - 3, ...Buffer.alloc(padding - 3, 0x61), 0x30]);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, Buffer.concat([head.subarray(0, 2), name, head.subarray(2)]), 0, undefined, 0);
    ftruncateSync(fd, payloadBytes + 32);
    writeSync(fd, tail, 0, tail.length, payloadBytes + 32 - tail.length);
  } finally {
    closeSync(fd);
  }
}

/**
 * An opcode-dense protocol-4 pickle of about `targetBytes`: a list of (int, str) tuples with memo
 * traffic (MEMOIZE, BINGET), the shape of a large pickled Python structure.
 */
export function writeDensePickle(path, targetBytes) {
  if (existsSync(path) && statSync(path).size >= targetBytes) return;
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(1 << 20);
  let used = 0;
  let written = 0;
  const flush = () => {
    writeSync(fd, chunk, 0, used);
    written += used;
    used = 0;
  };
  const put = (...values) => {
    if (used + values.length > chunk.length) flush();
    for (const value of values) chunk[used++] = value;
  };
  try {
    put(0x80, 4, 0x5d, 0x94, 0x28);
    let item = 0;
    while (written + used < targetBytes) {
      const key = `k${item % 5000}`;
      put(0x4a, item & 0xff, (item >>> 8) & 0xff, (item >>> 16) & 0xff, 0); // BININT
      put(0x8c, key.length, ...Buffer.from(key), 0x94, 0x86, 0x94); // SHORT_BINUNICODE, MEMOIZE, TUPLE2, MEMOIZE
      put(0x68, 1, 0x30); // BINGET 1, POP
      if (++item % 1000 === 0) put(0x65, 0x28); // APPENDS, MARK
    }
    put(0x65, 0x2e);
    flush();
  } finally {
    closeSync(fd);
  }
}

function u64(n) {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(BigInt(n));
  return [...out];
}

export function ensureWorkDir(dir) {
  mkdirSync(dir, { recursive: true });
}
