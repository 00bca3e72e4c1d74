/** How a bounded decoder ended: `limit` means the output cap was reached and the rest was not decoded. */
export type DecodeStatus = 'ok' | 'limit' | 'truncated' | 'corrupt' | 'unsupported';

export interface Decoded {
  /** What was decoded before the decoder stopped (everything, for `ok`). */
  bytes: Uint8Array;
  status: DecodeStatus;
  /** Why the decoder stopped early (absent for `ok`). */
  detail?: string;
}

/** Signals the end of decoding from deep inside a decoder loop; caught by the decoder's entry point only. */
export class DecodeStop {
  constructor(
    readonly status: Exclude<DecodeStatus, 'ok'>,
    readonly detail: string,
  ) {}
}

/** A growing output buffer that never exceeds `cap` bytes (it doubles, so it never allocates the cap blindly). */
export class CappedOutput {
  bytes: Uint8Array;
  length = 0;

  constructor(readonly cap: number, initial = 1 << 16) {
    this.bytes = new Uint8Array(Math.max(1, Math.min(cap, initial)));
  }

  /** Makes room for `n` more bytes; throws DecodeStop('limit') past the cap. */
  reserve(n: number): void {
    const need = this.length + n;
    if (need > this.cap) throw new DecodeStop('limit', `output exceeds the ${this.cap}-byte limit`);
    if (need <= this.bytes.length) return;
    let size = this.bytes.length;
    while (size < need) size *= 2;
    const grown = new Uint8Array(Math.min(size, this.cap));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  push(byte: number): void {
    if (this.length >= this.bytes.length) this.reserve(1);
    this.bytes[this.length++] = byte;
  }

  append(data: Uint8Array): void {
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  result(status: Decoded['status'] = 'ok', detail?: string): Decoded {
    return { bytes: this.bytes.subarray(0, this.length), status, ...(detail === undefined ? {} : { detail }) };
  }
}

/** Runs a decoder body, turning DecodeStop into a result that keeps the partial output. */
export function runDecoder(out: CappedOutput, body: () => void): Decoded {
  try {
    body();
    return out.result();
  } catch (error) {
    if (error instanceof DecodeStop) return out.result(error.status, error.detail);
    throw error;
  }
}
