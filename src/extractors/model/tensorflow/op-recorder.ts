import type { TensorflowNodeRef, TensorflowOpUse } from '../../../core/model-facts/tensorflow.js';

export const MAX_NODES_PER_OP = 32;
export const MAX_OP_TYPES = 4096;

/** Counts op types and keeps the first nodes of each, within bounds. */
export class OpRecorder {
  private readonly uses = new Map<string, TensorflowOpUse>();
  nodes = 0;
  truncated = false;

  /** Whether the next node of `op` would be kept (so its attributes are worth decoding). */
  wantsNode(op: string): boolean {
    const use = this.uses.get(op);
    return use === undefined ? this.uses.size < MAX_OP_TYPES : use.nodes.length < MAX_NODES_PER_OP;
  }

  add(op: string, node: TensorflowNodeRef): void {
    this.nodes++;
    let use = this.uses.get(op);
    if (use === undefined) {
      if (this.uses.size >= MAX_OP_TYPES) {
        this.truncated = true;
        return;
      }
      use = { op, count: 0, nodes: [] };
      this.uses.set(op, use);
    }
    use.count++;
    if (use.nodes.length < MAX_NODES_PER_OP) use.nodes.push(node);
    else this.truncated = true;
  }

  /** Most used first, then by name, so that output is stable. */
  ops(): TensorflowOpUse[] {
    return [...this.uses.values()].sort((a, b) => b.count - a.count || (a.op < b.op ? -1 : a.op > b.op ? 1 : 0));
  }
}
