import type { Component } from '../../core/component.js';
import { fingerprintOf, type Finding } from '../../core/finding.js';
import type { PythonPackageMetadata } from '../../core/python-metadata.js';
import type { Lookalike, Technique } from './lookalike-index.js';
import { CHECK_ID, RULE_IDS } from './rules.js';

const TECHNIQUE_TEXT: Record<Technique, string> = {
  'confusable-characters': 'look-alike (non-ASCII) characters',
  separators: 'different separators',
  'look-alike-glyphs': 'look-alike letters or digits (l/1/I, o/0, rn/m)',
  'doubled-letters': 'doubled or dropped repeated letter',
  'token-order': 'words in another order',
  affix: 'added or dropped py/python prefix or suffix, version digit or common suffix',
  transposition: 'two adjacent characters swapped',
  substitution: 'one character replaced',
  omission: 'one character missing',
  insertion: 'one extra character',
};

function location(component: Component): Finding['location'] {
  const first = component.locations[0];
  return first === undefined ? undefined : { ...first };
}

function base(component: Component, metadata: PythonPackageMetadata, ruleId: string): Pick<Finding, 'checkId' | 'ruleId' | 'componentId' | 'location' | 'fingerprint'> {
  const path = component.locations[0]?.path ?? '';
  return {
    checkId: CHECK_ID,
    ruleId,
    componentId: component.id,
    location: location(component),
    fingerprint: fingerprintOf([CHECK_ID, ruleId, metadata.normalizedName, path]),
  };
}

export function maliciousFinding(component: Component, metadata: PythonPackageMetadata, ids: readonly string[], provenance: string): Finding {
  return {
    ...base(component, metadata, RULE_IDS.maliciousPackage),
    severity: 'critical',
    message: `${component.name} is a publicly reported malicious package (${ids.join(', ')})`,
    evidence: { package: metadata.normalizedName, osvIds: [...ids], list: provenance },
    fix: `remove ${component.name}; if it was installed, treat that machine's credentials as stolen`,
  };
}

export function compromisedFinding(
  component: Component,
  metadata: PythonPackageMetadata,
  ids: readonly string[],
  versions: readonly string[],
  provenance: string,
): Finding {
  return {
    ...base(component, metadata, RULE_IDS.compromisedVersion),
    severity: 'critical',
    message: `${component.name} ${component.version ?? ''} is a compromised release (${ids.join(', ')})`.replace('  ', ' '),
    evidence: {
      package: metadata.normalizedName,
      version: component.version ?? null,
      maliciousVersions: [...versions],
      osvIds: [...ids],
      list: provenance,
    },
    fix: `use a version of ${component.name} other than ${versions.join(', ')}`,
  };
}

export function lookalikeFinding(component: Component, metadata: PythonPackageMetadata, match: Lookalike, provenance: string): Finding {
  const technique = TECHNIQUE_TEXT[match.technique];
  const glyphs = match.confusableCharacters && match.technique !== 'confusable-characters' ? ', with look-alike characters' : '';
  return {
    ...base(component, metadata, RULE_IDS.lookalikeName),
    severity: 'high',
    message: `${component.name} looks like ${match.target}: ${technique}${glyphs}`,
    evidence: {
      package: metadata.normalizedName,
      target: match.target,
      targetRank: match.targetRank,
      technique: match.technique,
      confusableCharacters: match.confusableCharacters,
      list: provenance,
    },
    fix: `did you mean ${match.target}?`,
  };
}
