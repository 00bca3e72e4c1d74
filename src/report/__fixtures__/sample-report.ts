import type { Rule } from '../../core/check.js';
import type { Component } from '../../core/component.js';
import type { Finding } from '../../core/finding.js';
import { REPORT_VERSION, type ScanReport, type SuppressedFinding } from '../../core/report.js';

/** Realistic report content shared by the reporter tests: every severity, members, lines, suppressions. */

export const SAMPLE_RULES: Array<Rule & { checkId: string }> = [
  { checkId: 'model-code-execution', id: 'dangerous-import', title: 'Pickle imports a dangerous callable', severity: 'critical', help: 'The pickle imports a function that runs code when loaded (os.system, builtins.eval, ...). Do not load it; obtain the model as safetensors.' },
  { checkId: 'model-code-execution', id: 'unknown-import', title: 'Pickle imports a callable outside the allowlist', severity: 'high', help: 'Loading this pickle calls a function aigis does not know to be safe. Review the import or convert the model.' },
  { checkId: 'index-config', id: 'extra-index-url', title: 'Extra index URL allows dependency confusion', severity: 'high', help: 'pip merges `--extra-index-url` with PyPI; a public package can shadow a private one. Use `--index-url` with a proxy.' },
  { checkId: 'hashes', id: 'missing-hash', title: 'Requirement without a hash', severity: 'medium', help: 'Add `--hash=sha256:...` to every requirement and install with `--require-hashes`.' },
  { checkId: 'pinning', id: 'unpinned', title: 'Requirement is not pinned', severity: 'low', help: 'Pin an exact version with `==`.' },
  { checkId: 'model-integrity', id: 'no-digest', title: 'Model file without a recorded digest', severity: 'info', help: 'Record the sha256 of model files in a lock or manifest.' },
  { checkId: 'typosquat', id: 'similar-name', title: 'Package name close to a popular package', severity: 'high', help: 'The name is one edit away from a popular package. Check that it is the one you meant.' },
];

export const SAMPLE_COMPONENTS: Component[] = [
  {
    id: 'model:models/evil.pt',
    kind: 'model',
    name: 'evil.pt',
    locations: [{ path: 'models/evil.pt' }],
    hashes: [{ alg: 'sha256', value: 'a'.repeat(64) }],
    foundBy: 'model/pytorch',
    metadata: {
      type: 'model-file',
      format: 'pytorch-zip',
      pickles: [
        {
          member: 'archive/data.pkl',
          streams: [
            {
              index: 0,
              start: 0,
              end: 96,
              protocol: 2,
              opcodeCount: 14,
              imports: [{ module: 'posix', name: 'system', opcode: 'GLOBAL', offset: 2, resolved: true, called: true, callOpcode: 'REDUCE', callOffset: 57 }],
            },
          ],
        },
      ],
      anomalies: [],
    },
  },
  {
    id: 'model:models/classifier.pkl',
    kind: 'model',
    name: 'classifier.pkl',
    locations: [{ path: 'models/classifier.pkl' }],
    hashes: [],
    foundBy: 'model/pickle',
    metadata: { type: 'model-file', format: 'pickle', pickles: [{ streams: [] }], anomalies: [] },
  },
  {
    id: 'pkg:pypi/requests@2.31.0',
    kind: 'python-package',
    name: 'requests',
    version: '2.31.0',
    purl: 'pkg:pypi/requests@2.31.0',
    locations: [{ path: 'requirements.txt', line: 3 }],
    hashes: [],
    foundBy: 'python/requirements',
    metadata: { type: 'none' },
  },
  {
    id: 'pkg:pypi/numpy',
    kind: 'python-package',
    name: 'numpy',
    purl: 'pkg:pypi/numpy',
    locations: [{ path: 'requirements.txt', line: 5 }],
    hashes: [],
    foundBy: 'python/requirements',
    metadata: { type: 'none' },
  },
];

export const SAMPLE_FINDINGS: Finding[] = [
  {
    checkId: 'pinning',
    ruleId: 'unpinned',
    severity: 'low',
    message: 'numpy is not pinned to an exact version',
    componentId: 'pkg:pypi/numpy',
    location: { path: 'requirements.txt', line: 5 },
    evidence: { specifier: '>=1.24' },
    fingerprint: 'f5a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5',
    fix: 'numpy==1.26.4',
  },
  {
    checkId: 'model-code-execution',
    ruleId: 'dangerous-import',
    severity: 'critical',
    message: 'Loading this model calls posix.system (REDUCE at offset 57)',
    componentId: 'model:models/evil.pt',
    location: { path: 'models/evil.pt', member: 'archive/data.pkl', offset: 57 },
    evidence: { module: 'posix', name: 'system', importOffset: 2, callOffset: 57, stream: 0 },
    fingerprint: '0c7e3a1f9b2d4c6e8a0b1c2d3e4f5a6b',
  },
  {
    checkId: 'model-integrity',
    ruleId: 'no-digest',
    severity: 'info',
    message: 'No digest is recorded for classifier.pkl',
    componentId: 'model:models/classifier.pkl',
    evidence: {},
    fingerprint: '9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a',
  },
  {
    checkId: 'hashes',
    ruleId: 'missing-hash',
    severity: 'medium',
    message: 'requests==2.31.0 has no --hash',
    componentId: 'pkg:pypi/requests@2.31.0',
    location: { path: 'requirements.txt', line: 3 },
    evidence: { requirement: 'requests==2.31.0' },
    fingerprint: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d',
  },
  {
    checkId: 'model-code-execution',
    ruleId: 'unknown-import',
    severity: 'high',
    message: 'Loading this model imports sklearn.pipeline.Pipeline, which is not on the allowlist',
    componentId: 'model:models/classifier.pkl',
    location: { path: 'models/classifier.pkl', offset: 1024 },
    evidence: { module: 'sklearn.pipeline', name: 'Pipeline', offset: 1024 },
    fingerprint: '2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e',
  },
  {
    checkId: 'index-config',
    ruleId: 'extra-index-url',
    severity: 'high',
    message: 'requirements.txt adds https://pypi.internal.example/simple with --extra-index-url | pip merges it with PyPI',
    location: { path: 'requirements.txt', line: 1 },
    evidence: { url: 'https://pypi.internal.example/simple' },
    fingerprint: '3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f',
    fix: 'Use --index-url with a proxy that serves both.',
  },
];

export const SAMPLE_SUPPRESSED: SuppressedFinding[] = [
  {
    finding: {
      checkId: 'typosquat',
      ruleId: 'similar-name',
      severity: 'high',
      message: 'reqeusts is one edit away from requests',
      location: { path: 'requirements.txt', line: 7 },
      evidence: { popular: 'requests', distance: 1 },
      fingerprint: '4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a',
    },
    suppression: { rule: 'typosquat/similar-name', reason: 'internal fork, reviewed', expires: '2027-06-30' },
  },
  {
    finding: {
      checkId: 'model-code-execution',
      ruleId: 'unknown-import',
      severity: 'high',
      message: 'Loading this model imports mylib.layers.Custom, which is not on the allowlist',
      location: { path: 'models/custom.pt', member: 'custom/data.pkl', offset: 311 },
      evidence: { module: 'mylib.layers', name: 'Custom', offset: 311 },
      fingerprint: '5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
    },
    suppression: { fingerprint: '5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b', reason: 'our own layer class' },
  },
];

/** The sample report: findings of every severity, a member, lines, offsets, suppressions, diagnostics. */
export function sampleReport(): ScanReport {
  return {
    version: REPORT_VERSION,
    tool: { name: 'aigis', version: '0.1.0' },
    root: '/home/dev/projects/vision model',
    startedAt: '2026-05-04T10:20:30.000Z',
    inventory: {
      components: SAMPLE_COMPONENTS,
      relationships: [{ from: 'model:models/evil.pt', to: 'model:models/classifier.pkl', type: 'derived-from' }],
      statuses: [
        { extractorId: 'python/requirements', state: 'ok', files: 1, components: 2, diagnostics: [] },
        {
          extractorId: 'model/pytorch',
          state: 'partial',
          files: 3,
          components: 1,
          diagnostics: [
            { level: 'error', code: 'ZIP_TRUNCATED', message: 'End of central directory not found', path: 'models/broken.pt' },
            { level: 'warning', code: 'PICKLE_TRAILING_BYTES', message: '12 bytes after STOP', path: 'models/evil.pt', member: 'archive/data.pkl', offset: 96 },
          ],
        },
        {
          extractorId: 'model/pickle',
          state: 'partial',
          files: 2,
          components: 1,
          diagnostics: [{ level: 'error', code: 'PICKLE_TRUNCATED', message: 'Stream ends before STOP', path: 'models/half.pkl', offset: 4096 }],
        },
      ],
      walkDiagnostics: [{ level: 'warning', code: 'SIZE_LIMIT', message: 'File larger than 2 GiB skipped', path: 'data/huge.bin' }],
      filesWalked: 6,
    },
    findings: SAMPLE_FINDINGS,
    suppressed: SAMPLE_SUPPRESSED,
    expiredSuppressions: [{ path: 'legacy/**', reason: 'legacy models, to be removed', expires: '2026-01-01' }],
    checks: [
      { checkId: 'model-code-execution', state: 'ran', findings: 2 },
      { checkId: 'pinning', state: 'ran', findings: 1 },
      { checkId: 'hashes', state: 'ran', findings: 1 },
      { checkId: 'index-config', state: 'ran', findings: 1 },
      { checkId: 'model-integrity', state: 'ran', findings: 1 },
      { checkId: 'typosquat', state: 'ran', findings: 0 },
      { checkId: 'vulnerabilities', state: 'skipped', reason: 'requires osv-database', findings: 0 },
    ],
    rules: SAMPLE_RULES,
    timing: { totalMs: 412, walkMs: 35, extractMs: 290, checkMs: 87 },
  };
}

/** A clean scan: nothing found, nothing suppressed, nothing unreadable. */
export function emptyReport(): ScanReport {
  return {
    ...sampleReport(),
    inventory: {
      components: [],
      relationships: [],
      statuses: [{ extractorId: 'python/requirements', state: 'ok', files: 1, components: 0, diagnostics: [] }],
      walkDiagnostics: [],
      filesWalked: 1,
    },
    findings: [],
    suppressed: [],
    expiredSuppressions: [],
    checks: [{ checkId: 'pinning', state: 'ran', findings: 0 }],
    timing: { totalMs: 48, walkMs: 5, extractMs: 30, checkMs: 13 },
  };
}

/** The sample report with other findings and suppressions (for property tests). */
export function reportWith(findings: Finding[], suppressed: SuppressedFinding[] = []): ScanReport {
  return { ...sampleReport(), findings, suppressed };
}
