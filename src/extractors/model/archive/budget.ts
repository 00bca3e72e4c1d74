import type { ScanLimits } from '../../../core/limits.js';

/** Output allowed to any one compressed stream whatever its ratio, so that tiny inputs are still read. */
const MIN_RATIO_ALLOWANCE = 1 << 20;

/** Why a decode was capped, for the anomaly message. */
export interface ExpansionCap {
  bytes: number;
  reason: string;
}

/** The one expansion budget all layers of a file share (limits.maxArchiveExpandedBytes). */
export class SharedBudget {
  spent = 0;

  constructor(readonly limits: ScanLimits) {}

  get remaining(): number {
    return Math.max(0, this.limits.maxArchiveExpandedBytes - this.spent);
  }

  /** The most a stream of `compressed` bytes may expand to, and which limit sets it. */
  capFor(compressed: number): ExpansionCap {
    const ratio = Math.max(compressed * this.limits.maxCompressionRatio, MIN_RATIO_ALLOWANCE);
    const options: ExpansionCap[] = [
      { bytes: this.limits.maxMemberBytes, reason: `the ${this.limits.maxMemberBytes}-byte member limit (limits.maxMemberBytes)` },
      { bytes: this.remaining, reason: `the ${this.limits.maxArchiveExpandedBytes}-byte archive expansion budget (limits.maxArchiveExpandedBytes)` },
      { bytes: ratio, reason: `a compression ratio of ${this.limits.maxCompressionRatio} (limits.maxCompressionRatio; a decompression bomb)` },
    ];
    return options.reduce((a, b) => (b.bytes < a.bytes ? b : a));
  }

  spend(bytes: number): void {
    this.spent += bytes;
  }
}

/** Compressed input read for a stream capped at `cap` output bytes: never much more than the output needs. */
export function inputBound(cap: number): number {
  return cap + Math.floor(cap / 8) + 65536;
}
