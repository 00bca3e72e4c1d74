import { BYTES, RefKind, type Value, isRef } from './values.js';

/** Keys below this live in an array (pickles number their memo entries 0, 1, 2...). */
const DENSE_KEYS = 1 << 20;
/** Entries of any kind kept; past it only values that can name an import (strings, imports, calls). */
const ANY_VALUE_LIMIT = 1 << 17;
const HARD_LIMIT = 1 << 18;

/**
 * The unpickler's memo, bounded. When an entry had to be dropped the memo becomes lossy, and a GET of a
 * missing key yields an unknown value instead of the KeyError Python would raise; an import name built
 * from such a value is then reported unresolved, so overflowing the memo cannot hide an import.
 */
export class Memo {
  private readonly dense: (Value | undefined)[] = [];
  private readonly sparse = new Map<number, Value>();
  private stored = 0;
  /** `len(memo)` as Python counts it, which MEMOIZE uses as the next key. */
  length = 0;
  lossy = false;

  put(key: number, value: Value): void {
    if (key < DENSE_KEYS) {
      if (this.dense[key] !== undefined) {
        this.dense[key] = value;
        return;
      }
    } else if (this.sparse.size > 0 && this.sparse.has(key)) {
      this.sparse.set(key, value);
      return;
    }
    this.length++;
    if (!this.hasRoomFor(value)) {
      this.lossy = true;
      return;
    }
    this.stored++;
    if (key < DENSE_KEYS) this.dense[key] = value;
    else this.sparse.set(key, value);
  }

  get(key: number): Value | undefined {
    return key < DENSE_KEYS ? this.dense[key] : this.sparse.get(key);
  }

  private hasRoomFor(value: Value): boolean {
    if (this.stored < ANY_VALUE_LIMIT) return true;
    if (this.stored >= HARD_LIMIT) return false;
    return typeof value === 'string' || (isRef(value) && value.kind !== RefKind.Container && value !== BYTES);
  }
}
