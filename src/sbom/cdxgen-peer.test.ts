import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EMPTY_POLICY } from '../core/policy.js';
import { DEFAULT_LIMITS } from '../core/limits.js';
import { EXTRACTORS } from '../extractors/registry.js';
import { scan } from '../scan.js';
import { cycloneDxValidator } from './__fixtures__/cyclonedx-validator.js';
import { buildBom, renderCycloneDx } from './index.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const PEER = fileURLToPath(new URL('../../test/fixtures/cdxgen-peer/', import.meta.url));

async function aigisBom(project: string): Promise<Json> {
  const report = await scan({
    root: `${PEER}${project}`, targets: ['.'], extractors: EXTRACTORS, checks: [], limits: DEFAULT_LIMITS, includeVirtualenvs: false,
    exclude: [], suppressions: [], available: new Set(), policy: EMPTY_POLICY, sources: {}, now: () => new Date('2026-01-01T00:00:00Z'), toolVersion: 'test',
  });
  return renderCycloneDx(await buildBom(report)) as Json;
}
const peer = (file: string): Json => JSON.parse(readFileSync(`${PEER}${file}`, 'utf8')) as Json;
/** `name@version` of a purl, qualifiers and the `pkg:pypi/` prefix dropped; cdxgen refs may carry a `urn:uuid:.../1/` prefix. */
const key = (purlOrRef: string) => decodeURIComponent(purlOrRef.replace(/^.*pkg:pypi\//, '').split('?')[0]!);

const CASES = [
  { project: 'sampleproj', file: 'cdxgen-12.8.4-sample-noinstall.json' },
  { project: 'sampleproj', file: 'cdxgen-12.8.4-sample-ml.json' },
  { project: 'sampleproj-uv', file: 'cdxgen-12.8.4-uv-noinstall.json' },
];

describe('aigis against cdxgen 12.8.4 on the same projects', () => {
  it.each(CASES)('$project: every component cdxgen lists ($file), with at least its hashes and dependency links', async ({ project, file }) => {
    const ours = await aigisBom(project);
    expect(cycloneDxValidator('1.6')(ours)).toBe(true);
    const theirs = peer(file);
    const byKey = new Map<string, Json>(ours.components.filter((c: Json) => c.purl).map((c: Json) => [key(c.purl), c]));
    for (const component of theirs.components) {
      const mine = byKey.get(key(component.purl));
      expect(mine, component.purl).toBeDefined();
      const hashes = new Set((mine!.hashes ?? []).map((h: Json) => `${h.alg}:${h.content}`));
      for (const h of component.hashes ?? []) expect(hashes.has(`${h.alg}:${h.content}`)).toBe(true);
    }
    const edges = new Set<string>(ours.dependencies.flatMap((d: Json) => d.dependsOn.map((t: string) => `${key(d.ref)}>${key(t)}`)));
    for (const d of theirs.dependencies) for (const target of d.dependsOn) expect(edges.has(`${key(d.ref)}>${key(target)}`), `${d.ref} -> ${target}`).toBe(true);
  });

  it('sampleproj: the project depends on what requirements.txt and pyproject.toml ask for; cdxgen leaves the root unlinked', async () => {
    const ours = await aigisBom('sampleproj');
    expect(ours.metadata.component['bom-ref']).toBe('pkg:pypi/sample-ml-app@0.1.0');
    expect(ours.dependencies.find((d: Json) => d.ref === 'pkg:pypi/sample-ml-app@0.1.0').dependsOn).toEqual([
      'pkg:pypi/certifi@2024.2.2', 'pkg:pypi/charset-normalizer@3.3.2', 'pkg:pypi/idna@3.7', 'pkg:pypi/requests@2.32.3', 'pkg:pypi/urllib3@2.2.1',
    ]);
    const noinstall = peer('cdxgen-12.8.4-sample-noinstall.json');
    expect(noinstall.dependencies.some((d: Json) => d.ref.includes('sample-ml-app'))).toBe(false);
    const ml = peer('cdxgen-12.8.4-sample-ml.json');
    expect(ml.dependencies.find((d: Json) => d.ref.includes('sample-ml-app')).dependsOn).toEqual([]);
  });

  it('sampleproj-uv: aigis has the uv.lock hashes and root links cdxgen lacks', async () => {
    const ours = await aigisBom('sampleproj-uv');
    const theirs = peer('cdxgen-12.8.4-uv-noinstall.json');
    expect(theirs.components.every((c: Json) => (c.hashes ?? []).length === 0)).toBe(true);
    const hashCount = Object.fromEntries(ours.components.map((c: Json) => [c.name, (c.hashes ?? []).length]));
    expect(hashCount).toEqual({ certifi: 1, idna: 1, requests: 2 });
    expect(ours.components.find((c: Json) => c.name === 'requests').externalReferences.map((r: Json) => [r.url.split('/').at(-1), r.hashes[0].content])).toEqual([
      ['requests-2.32.3.tar.gz', '55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760'],
      ['requests-2.32.3-py3-none-any.whl', '70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6'],
    ]);
    expect(ours.dependencies.find((d: Json) => d.ref === 'pkg:pypi/sample-ml-app@0.1.0').dependsOn).toEqual(['pkg:pypi/idna@3.7', 'pkg:pypi/requests@2.32.3']);
    expect(theirs.dependencies.some((d: Json) => d.ref.includes('sample-ml-app'))).toBe(false);
  });
});
