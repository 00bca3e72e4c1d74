import type { PickleImport, PickleStream } from '../../core/model-metadata.js';
import { classifyImport, type ImportVerdict } from './classify.js';
import { RULE_IDS, type ModelCodeExecutionRuleId } from './rules.js';

const RULE_BY_CLASS: Record<Exclude<ImportVerdict['class'], 'safe'>, ModelCodeExecutionRuleId> = {
  dangerous: RULE_IDS.dangerousImport,
  unresolved: RULE_IDS.unresolvedImport,
  unknown: RULE_IDS.unknownImport,
  'user-class': RULE_IDS.userClassImport,
};

/** Every use of one import within one pickle stream that got the same verdict. */
export interface ImportGroup {
  ruleId: ModelCodeExecutionRuleId;
  verdict: ImportVerdict;
  /** The first occurrence (lowest offset). */
  first: PickleImport;
  /** The first occurrence that is called, if any. */
  firstCalled: PickleImport | undefined;
  count: number;
}

/** The literal name the pickle asks for, as `find_class` would receive it; `?` when unresolved. */
export function literalName(entry: PickleImport): string {
  if (entry.module === '' && entry.name === '') return '?';
  return `${entry.module}.${entry.name}`;
}

/** Groups the non-safe imports of one stream by (rule, name), keeping the first offset and a count. */
export function groupStreamImports(stream: PickleStream, format: string): ImportGroup[] {
  const groups = new Map<string, ImportGroup>();
  for (const entry of stream.imports) {
    const verdict = classifyImport(entry.module, entry.name, { format, resolved: entry.resolved, callOpcode: entry.callOpcode });
    if (verdict.class === 'safe') continue;
    const ruleId = RULE_BY_CLASS[verdict.class];
    const key = `${ruleId}\u0000${literalName(entry)}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { ruleId, verdict, first: entry, firstCalled: entry.called ? entry : undefined, count: 1 });
      continue;
    }
    group.count += 1;
    if (entry.offset < group.first.offset) group.first = entry;
    if (entry.called && (!group.firstCalled || entry.offset < group.firstCalled.offset)) group.firstCalled = entry;
  }
  return [...groups.values()];
}
