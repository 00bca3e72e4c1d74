import { PROB_INIT, RangeDecoder } from './range-decoder.js';
import { CappedOutput, DecodeStop } from './result.js';

export interface LzmaProperties {
  lc: number;
  lp: number;
  pb: number;
}

/** Splits LZMA's properties byte (lc + lp * 9 + pb * 45); undefined when out of range. */
export function lzmaProperties(byte: number): LzmaProperties | undefined {
  if (byte >= 9 * 5 * 5) return undefined;
  return { lc: byte % 9, lp: Math.floor(byte / 9) % 5, pb: Math.floor(byte / 45) };
}

const STATES = 12;
const POS_STATES_MAX = 16;
const LEN_LOW = 2; // after choice (0) and choice2 (1)
const LEN_MID = LEN_LOW + POS_STATES_MAX * 8;
const LEN_HIGH = LEN_MID + POS_STATES_MAX * 8;
const LEN_PROBS = LEN_HIGH + 256;
const END_POS_MODEL = 14;
const FULL_DISTANCES = 128;
const MATCH_MIN = 2;

/** Probability layout offsets inside one Uint16Array. */
const IS_MATCH = 0;
const IS_REP = IS_MATCH + STATES * POS_STATES_MAX;
const IS_REP_G0 = IS_REP + STATES;
const IS_REP_G1 = IS_REP_G0 + STATES;
const IS_REP_G2 = IS_REP_G1 + STATES;
const IS_REP0_LONG = IS_REP_G2 + STATES;
const POS_SLOT = IS_REP0_LONG + STATES * POS_STATES_MAX;
const SPEC_POS = POS_SLOT + 4 * 64;
const ALIGN = SPEC_POS + 1 + FULL_DISTANCES - END_POS_MODEL;
const LEN = ALIGN + 16;
const REP_LEN = LEN + LEN_PROBS;
const LITERAL = REP_LEN + LEN_PROBS;

/**
 * The LZMA decoder (the LZMA SDK's LzmaSpec algorithm). The whole output is the dictionary: every byte
 * decoded is kept in a CappedOutput, so a match can reach back as far as `dictStart` (LZMA2 resets it).
 */
export class LzmaDecoder {
  private probs: Uint16Array = new Uint16Array(0);
  private props: LzmaProperties = { lc: 3, lp: 0, pb: 2 };
  private state = 0;
  private rep0 = 0;
  private rep1 = 0;
  private rep2 = 0;
  private rep3 = 0;
  dictStart = 0;

  constructor(readonly out: CappedOutput) {}

  setProperties(props: LzmaProperties): void {
    this.props = props;
    this.probs = new Uint16Array(LITERAL + (0x300 << (props.lc + props.lp)));
    this.resetState();
  }

  resetState(): void {
    this.probs.fill(PROB_INIT);
    this.state = 0;
    this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0;
  }

  /**
   * Decodes until `limit` output bytes exist (exactly, for LZMA2 chunks and known-size streams) or an end
   * marker; returns true when an end marker was read.
   */
  decode(rc: RangeDecoder, limit: number, allowEndMarker: boolean): boolean {
    const out = this.out;
    const { lc, lp, pb } = this.props;
    const pbMask = (1 << pb) - 1;
    const lpMask = (1 << lp) - 1;
    const probs = this.probs;
    while (out.length < limit) {
      const posState = out.length & pbMask;
      const state = this.state;
      if (rc.bit(probs, IS_MATCH + (state << 4) + posState) === 0) {
        const prev = out.length > this.dictStart ? (out.bytes[out.length - 1] as number) : 0;
        const base = LITERAL + 0x300 * (((out.length & lpMask) << lc) + (prev >>> (8 - lc)));
        out.push(state >= 7 ? this.matchedLiteral(rc, base) : rc.tree(probs, base, 8));
        this.state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        continue;
      }
      let length: number;
      if (rc.bit(probs, IS_REP + state) === 0) {
        length = this.length(rc, LEN, posState);
        this.state = state < 7 ? 7 : 10;
        const distance = this.distance(rc, length);
        if (distance === 0xffffffff) {
          if (!allowEndMarker) throw new DecodeStop('corrupt', 'unexpected end marker');
          return true;
        }
        this.rep3 = this.rep2;
        this.rep2 = this.rep1;
        this.rep1 = this.rep0;
        this.rep0 = distance;
      } else {
        if (out.length <= this.dictStart) throw new DecodeStop('corrupt', 'repeated match before any output');
        if (rc.bit(probs, IS_REP_G0 + state) === 0) {
          if (rc.bit(probs, IS_REP0_LONG + (state << 4) + posState) === 0) {
            this.state = state < 7 ? 9 : 11;
            if (this.rep0 >= out.length - this.dictStart) throw new DecodeStop('corrupt', 'match distance reaches before the start of the data');
            out.push(out.bytes[out.length - this.rep0 - 1] as number);
            continue;
          }
        } else {
          let distance: number;
          if (rc.bit(probs, IS_REP_G1 + state) === 0) distance = this.rep1;
          else {
            if (rc.bit(probs, IS_REP_G2 + state) === 0) distance = this.rep2;
            else {
              distance = this.rep3;
              this.rep3 = this.rep2;
            }
            this.rep2 = this.rep1;
          }
          this.rep1 = this.rep0;
          this.rep0 = distance;
        }
        length = this.length(rc, REP_LEN, posState);
        this.state = state < 7 ? 8 : 11;
      }
      this.copy(this.rep0 + 1, length + MATCH_MIN, limit);
    }
    return false;
  }

  private copy(distance: number, length: number, limit: number): void {
    const out = this.out;
    if (distance > out.length - this.dictStart) throw new DecodeStop('corrupt', 'match distance reaches before the start of the data');
    const n = Math.min(length, limit - out.length);
    out.reserve(n);
    const bytes = out.bytes;
    let at = out.length;
    for (let i = 0; i < n; i++, at++) bytes[at] = bytes[at - distance] as number;
    out.length = at;
    if (n < length) {
      if (limit >= out.cap) throw new DecodeStop('limit', `output exceeds the ${out.cap}-byte limit`);
      throw new DecodeStop('corrupt', 'match runs past the declared size');
    }
  }

  private matchedLiteral(rc: RangeDecoder, base: number): number {
    const out = this.out;
    const at = out.length - this.rep0 - 1;
    let matchByte = at >= this.dictStart ? (out.bytes[at] as number) : 0;
    let symbol = 1;
    while (symbol < 0x100) {
      const matchBit = (matchByte >>> 7) & 1;
      matchByte <<= 1;
      const bit = rc.bit(this.probs, base + ((1 + matchBit) << 8) + symbol);
      symbol = (symbol << 1) | bit;
      if (matchBit !== bit) break;
    }
    while (symbol < 0x100) symbol = (symbol << 1) | rc.bit(this.probs, base + symbol);
    return symbol - 0x100;
  }

  private length(rc: RangeDecoder, base: number, posState: number): number {
    if (rc.bit(this.probs, base) === 0) return rc.tree(this.probs, base + LEN_LOW + posState * 8, 3);
    if (rc.bit(this.probs, base + 1) === 0) return 8 + rc.tree(this.probs, base + LEN_MID + posState * 8, 3);
    return 16 + rc.tree(this.probs, base + LEN_HIGH, 8);
  }

  private distance(rc: RangeDecoder, length: number): number {
    const lenState = Math.min(length, 3);
    const slot = rc.tree(this.probs, POS_SLOT + lenState * 64, 6);
    if (slot < 4) return slot;
    const directBits = (slot >>> 1) - 1;
    let distance = ((2 | (slot & 1)) << directBits) >>> 0;
    if (slot < END_POS_MODEL) return distance + rc.reverseTree(this.probs, SPEC_POS + distance - slot, directBits);
    distance += rc.direct(directBits - 4) * 16;
    return (distance + rc.reverseTree(this.probs, ALIGN, 4)) >>> 0;
  }
}
