import type { TensorflowNodeRef, TensorflowOpUse } from '../../core/model-facts/tensorflow.js';
import { isKnownPlainOp } from './known-ops.js';
import { RULE_IDS, type TensorflowRuleId } from './rules.js';
import { inCheckpointPattern, looksLikeExecution, riskOf } from './risky-ops.js';

/** A rule that fires on an op, with the nodes that made it fire. */
export interface OpVerdict {
  ruleId: TensorflowRuleId;
  reason: string;
  nodes: TensorflowNodeRef[];
}

/** PrintV2 writes to `file://...` when its output_stream says so; proto ops read descriptor files. */
function writesThroughAttr(use: TensorflowOpUse): TensorflowNodeRef[] {
  if (use.op === 'PrintV2') return use.nodes.filter((n) => (n.attrs?.['output_stream'] ?? '').startsWith('file://'));
  if (use.op === 'DecodeProtoV2' || use.op === 'EncodeProto') {
    return use.nodes.filter((n) => {
      const source = n.attrs?.['descriptor_source'];
      return source !== undefined && source !== '' && source !== 'local://';
    });
  }
  return [];
}

/** Allowlist first: a known computing op is clean; known risky ops by what they reach; the rest is unknown. */
export function judgeOp(use: TensorflowOpUse, saverScopes: readonly string[]): OpVerdict | undefined {
  const risk = riskOf(use.op);
  switch (risk) {
    case 'python':
      return { ruleId: RULE_IDS.pythonOp, reason: 'calls a Python function when the graph runs', nodes: use.nodes };
    case 'file':
      return { ruleId: RULE_IDS.fileOp, reason: 'reads, writes or maps files', nodes: use.nodes };
    case 'network':
      return { ruleId: RULE_IDS.networkOp, reason: 'connects to other machines', nodes: use.nodes };
    case 'asset-read':
      return { ruleId: RULE_IDS.assetRead, reason: 'initialises a lookup table from a file', nodes: use.nodes };
    case 'checkpoint': {
      const outside = use.nodes.filter((node) => !inCheckpointPattern(node, saverScopes));
      return outside.length > 0 ? { ruleId: RULE_IDS.checkpointOutsideSaver, reason: 'reads or writes checkpoint files outside the saver', nodes: outside } : undefined;
    }
    case undefined:
      break;
  }
  const viaAttr = writesThroughAttr(use);
  if (viaAttr.length > 0) return { ruleId: RULE_IDS.fileOp, reason: 'writes to or reads from a file named in its attributes', nodes: viaAttr };
  if (isKnownPlainOp(use.op)) return undefined;
  if (looksLikeExecution(use.op)) return { ruleId: RULE_IDS.executionLikeOp, reason: 'is a custom op named like command execution', nodes: use.nodes };
  return { ruleId: RULE_IDS.unknownOp, reason: 'is not a standard TensorFlow op (custom op library)', nodes: use.nodes };
}
