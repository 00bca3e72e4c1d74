import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { severityRank } from '../../core/severity.js';
import { chatTemplateExtractor } from '../../extractors/model/chat-template/index.js';
import { scan } from '../../scan.js';
import { modelTemplateCheck } from './index.js';
import { OFFLINE_SCAN } from '../../../test/support/offline-scan.js';

const root = fileURLToPath(new URL('../../../test/fixtures/peer-models/', import.meta.url));
const FOLDER = 'modelaudit/assets/samples/jinja2/';
const manifest = JSON.parse(readFileSync(`${root}MANIFEST.json`, 'utf8')) as { files: { path: string; expected: string }[] };
const entries = manifest.files.filter((f) => f.path.startsWith(FOLDER));

describe('the peer Jinja corpus (ModelAudit samples)', async () => {
  const report = await scan({
    root,
    targets: [FOLDER],
    extractors: [chatTemplateExtractor],
    checks: [modelTemplateCheck],
    ...OFFLINE_SCAN,
  });
  const worst = new Map<string, number>();
  for (const finding of report.findings) {
    const path = finding.location?.path ?? '';
    worst.set(path, Math.max(worst.get(path) ?? -1, severityRank(finding.severity)));
  }

  it('covers every file of the folder', () => {
    expect(entries.length).toBeGreaterThanOrEqual(40);
  });

  it.each(entries.map((e) => [e.path, e.expected] as const))('%s is %s', (path, expected) => {
    const rank = worst.get(path) ?? -1;
    if (expected === 'malicious') expect(rank, `${path} must be >= high`).toBeGreaterThanOrEqual(severityRank('high'));
    else expect(rank, `${path} must be <= low`).toBeLessThanOrEqual(severityRank('low'));
  });

  it('reports the inert custom_chat_template of multiple_templates.json as low, saying why', () => {
    const inert = report.findings.filter((f) => f.location?.path === `${FOLDER}edge_cases/multiple_templates.json`);
    expect(inert.map((f) => [f.ruleId, f.severity, f.location?.member])).toContainEqual(['template-inert-payload', 'low', 'custom_chat_template']);
    expect(inert[0]?.message).toMatch(/no known loader renders this key/);
  });
});
