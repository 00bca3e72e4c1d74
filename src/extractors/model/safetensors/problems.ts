import type { SafetensorsProblem, SafetensorsProblemKind } from '../../../core/model-facts/safetensors.js';

const MAX_PROBLEMS = 64;

/** Collects problems up to a bound, counting the ones it drops. */
export class ProblemList {
  readonly items: SafetensorsProblem[] = [];
  dropped = 0;

  add(kind: SafetensorsProblemKind, message: string, where: { tensor?: string; offset?: number } = {}): void {
    if (this.items.length >= MAX_PROBLEMS) {
      this.dropped += 1;
      return;
    }
    const problem: SafetensorsProblem = { kind, message };
    if (where.tensor !== undefined) problem.tensor = where.tensor;
    if (where.offset !== undefined) problem.offset = where.offset;
    this.items.push(problem);
  }

  has(kind: SafetensorsProblemKind): boolean {
    return this.items.some((p) => p.kind === kind);
  }
}
