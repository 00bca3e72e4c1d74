import type { Rule } from '../../core/check.js';

export const CHECK_ID = 'provenance';

export const RULE_IDS = {
  modified: 'locked-file-modified',
  missing: 'locked-file-missing',
  unexpected: 'locked-folder-unexpected-file',
} as const;

export type ProvenanceRuleId = (typeof RULE_IDS)[keyof typeof RULE_IDS];

export const PROVENANCE_RULES: readonly Rule[] = [
  {
    id: RULE_IDS.modified,
    title: 'A fetched model or dataset file differs from aigis.lock',
    severity: 'critical',
    help:
      'aigis.lock records the sha256 and size of every file `aigis fetch` verified against its source. This file ' +
      'no longer has those bytes: it was edited, replaced or corrupted after the download. Restore it with ' +
      '`aigis fetch --locked`, or, if the change is intended, fetch the new revision so that the lock says so.',
  },
  {
    id: RULE_IDS.missing,
    title: 'A file recorded in aigis.lock is missing',
    severity: 'medium',
    help: 'The lock lists this file but it is not in the project. Run `aigis fetch --locked` to get it back, or fetch again with the --include globs you want.',
  },
  {
    id: RULE_IDS.unexpected,
    title: 'A file in a fetched folder is not in aigis.lock',
    severity: 'medium',
    help:
      'The folder holds exactly what `aigis fetch` put there, but this file was added afterwards and nothing vouches ' +
      'for where it came from. A dropped-in pickle or Python module in a model folder is how a backdoor hides. Remove ' +
      'it, or fetch it from a trusted source so that the lock records it.',
  },
];
