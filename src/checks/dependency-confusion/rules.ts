import type { Rule } from '../../core/check.js';

export const CHECK_ID = 'dependency-confusion';

export const DEPENDENCY_CONFUSION_RULE_IDS = {
  resolvedFromOtherIndex: 'resolved-from-other-index',
  internalIndexAsExtra: 'internal-index-as-extra',
  mergedIndexes: 'merged-indexes',
  notPinnedToInternalIndex: 'not-pinned-to-internal-index',
} as const;

const STORY =
  'In December 2022 PyTorch nightly builds depended on an internal package, torchtriton, served from PyTorch\'s own ' +
  'index, which users added with --extra-index-url. Someone registered torchtriton on PyPI with a higher version; ' +
  'pip merged both indexes, took the higher version from PyPI, and thousands of machines ran its payload, which ' +
  'stole SSH keys and environment secrets.';

const FIX =
  'Install internal packages from the internal index only: make it the single --index-url (proxying PyPI if needed), ' +
  'or with uv pin them with [tool.uv.sources] to an index marked explicit = true, and register the names on PyPI ' +
  '(`aigis deps namespace` shows which are still free).';

export const DEPENDENCY_CONFUSION_RULES: readonly Rule[] = [
  {
    id: DEPENDENCY_CONFUSION_RULE_IDS.resolvedFromOtherIndex,
    title: 'Internal package resolved from another index',
    severity: 'critical',
    help: `A lockfile or report says an internal package (deps.internal.packages) came from an index other than the internal one: the installed code may be an attacker's. ${STORY} ${FIX}`,
  },
  {
    id: DEPENDENCY_CONFUSION_RULE_IDS.internalIndexAsExtra,
    title: 'Internal index configured as an extra index',
    severity: 'critical',
    help: `The internal index is added with --extra-index-url (or extra-index-url in pip.conf/uv), so pip still asks PyPI for every internal name and installs whichever version is highest. ${STORY} ${FIX}`,
  },
  {
    id: DEPENDENCY_CONFUSION_RULE_IDS.mergedIndexes,
    title: 'Internal package could resolve from an extra index',
    severity: 'critical',
    help: `Another index is configured next to the internal one, and pip merges indexes with no priority: a higher version of the internal name on the other index wins. ${STORY} ${FIX}`,
  },
  {
    id: DEPENDENCY_CONFUSION_RULE_IDS.notPinnedToInternalIndex,
    title: 'Nothing pins the internal package to the internal index',
    severity: 'critical',
    help: `No index configuration of the project (requirements options, pip.conf, uv.toml, [tool.uv]) points installs of this internal package at the internal index, and no lockfile resolved it from there; with default settings pip takes it from PyPI, where anyone can register the name. ${STORY} ${FIX}`,
  },
];
