import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PackageIndex } from '../../core/sources.js';
import { createWheelhouse } from '../../sources/wheelhouse/index.js';
import { applyFixes, NO_HASH_SOURCE } from './apply.js';
import { findingsFor, fixtureInventory, fixtureRecords, PROJECT } from './__fixtures__/fixture.js';
import { planFixes, type FixPlan } from './plan.js';
import { withoutHashes } from './strip-hashes.js';

const WHEELS = join(import.meta.dirname, '../../../test/support/wheels');
const GOLDEN = join(import.meta.dirname, '__fixtures__/golden');
const TEXT = readFileSync(join(PROJECT, 'requirements.txt'), 'utf8');
const golden = (name: string): string => readFileSync(join(GOLDEN, name), 'utf8');

let plan: FixPlan;
beforeAll(async () => {
  const inventory = await fixtureInventory();
  const records = fixtureRecords();
  plan = planFixes(inventory, findingsFor(inventory, records), records);
});

describe('applyFixes', () => {
  it('changes only the versions, and removes stale hashes when no source is given (golden)', async () => {
    const result = await applyFixes(TEXT, 'requirements.txt', plan);
    expect(result.text).toBe(golden('hashes-removed.txt'));
    expect(result.changes.map((c) => [c.line, c.name, c.from, c.to, c.note])).toEqual([
      [4, 'jinja2', '2.10', '3.1.6', 'no hashes'],
      [5, 'Jinja2', '2.10', '3.1.6', 'no hashes'],
      [6, 'torch', '2.0.0', '2.2.0', `hashes removed: ${NO_HASH_SOURCE}`],
      [9, 'aigis-demo-lib', '1.0', '1.1', `hashes removed: ${NO_HASH_SOURCE}`],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('refreshes hashes from a wheelhouse, and removes those it cannot refresh, saying why (golden)', async () => {
    const wheelhouse = createWheelhouse(WHEELS);
    const result = await applyFixes(TEXT, 'requirements.txt', plan, { artifacts: wheelhouse });
    expect(result.text).toBe(golden('hashes-refreshed.txt'));
    expect(result.changes.find((c) => c.name === 'aigis-demo-lib')!.hashes).toEqual({ kind: 'refreshed', source: wheelhouse.description });
    expect(result.changes.find((c) => c.name === 'aigis-demo-lib')!.note).toBe(`hashes refreshed from ${wheelhouse.description}`);
    expect(result.changes.find((c) => c.name === 'torch')!.note).toBe('hashes removed: torch is not on the index or in the wheelhouse');
    // the new hashes are the real sha256 of the 1.1 files
    const { createHash } = await import('node:crypto');
    for (const file of ['aigis_demo_lib-1.1-py3-none-any.whl', 'aigis-demo-lib-1.1.tar.gz']) {
      expect(result.text).toContain(createHash('sha256').update(readFileSync(join(WHEELS, file))).digest('hex'));
    }
  });

  it('refreshes from an index', async () => {
    const index: PackageIndex = {
      url: 'https://pypi.example/simple/',
      project: async (name) =>
        name === 'torch'
          ? { name, files: [{ filename: 'torch-2.2.0-cp311-cp311-manylinux1_x86_64.whl', url: 'https://x/t.whl', hashes: [{ alg: 'sha256', value: 'c'.repeat(64) }], yanked: false }] }
          : undefined,
    };
    const result = await applyFixes(TEXT, 'requirements.txt', plan, { index });
    expect(result.text).toContain(`torch==2.2.0 \\\n    --hash=sha256:${'c'.repeat(64)}  # via -r requirements.in\n`);
    expect(result.changes.find((c) => c.name === 'torch')!.note).toBe('hashes refreshed from https://pypi.example/simple/');
  });

  it('keeps CRLF line endings and a missing final newline', async () => {
    const crlf = TEXT.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    const result = await applyFixes(crlf, 'requirements.txt', plan);
    expect(result.text).toBe(golden('hashes-removed.txt').replace(/\n/g, '\r\n').replace(/\r\n$/, ''));
  });

  it('touches only the file the plan names, and skips a line that changed since the scan', async () => {
    expect((await applyFixes(TEXT, 'other/requirements.txt', plan)).text).toBe(TEXT);
    const edited = TEXT.replace('torch==2.0.0', 'torch==2.1.0');
    const result = await applyFixes(edited, 'requirements.txt', plan);
    expect(result.skipped).toEqual([{ name: 'torch', line: 6, reason: "no 'torch==2.0.0' line found" }]);
    expect(result.text).toContain('torch==2.1.0 \\');
  });

  it('finds a moved line by name when it is the only pin of that package', async () => {
    const moved = `# new first line\n${TEXT}`;
    const result = await applyFixes(moved, 'requirements.txt', plan);
    expect(result.changes.find((c) => c.name === 'torch')).toMatchObject({ line: 7, to: '2.2.0' });
    // the two jinja2 lines are told apart by the name as written
    expect(result.changes.map((c) => [c.name, c.line])).toEqual([['jinja2', 5], ['Jinja2', 6], ['torch', 7], ['aigis-demo-lib', 10]]);
    expect(result.text).toBe(`# new first line\n${golden('hashes-removed.txt')}`);
    expect(result.skipped).toEqual([]);
  });

  it('never throws and changes nothing but pinned versions and hashes on arbitrary text (property)', async () => {
    const line = fc.oneof(
      fc.constantFrom('torch==2.0.0', 'torch == 2.0.0 \\', '    --hash=sha256:abc', 'jinja2==2.10  # x', '# c', '', '-r other.txt', 'Jinja2[i18n]==2.10;python_version<"4"'),
      fc.string({ maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.boolean(), async (lines, crlf) => {
        const text = lines.join(crlf ? '\r\n' : '\n');
        const result = await applyFixes(text, 'requirements.txt', plan);
        const strip = (t: string): string => t.replace(/--hash=\S+|\\|\s+/g, '').replace(/2\.0\.0|2\.2\.0|2\.10|3\.1\.6/g, 'V');
        expect(strip(result.text)).toBe(strip(text));
        if (result.changes.length === 0) expect(result.text).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('withoutHashes', () => {
  it('drops hash-only continuation lines and keeps options and the comment', () => {
    expect(withoutHashes(['foo==2 --config-settings=a=b \\', '    --hash=sha256:aa \\', '    --hash sha256:bb  # why'])).toEqual(['foo==2 --config-settings=a=b  # why']);
    expect(withoutHashes(['foo==2 --hash=sha256:aa --hash=sha256:bb'])).toEqual(['foo==2']);
    expect(withoutHashes(['foo==2 \\', '    --global-option=x \\', '    --hash=sha256:aa'])).toEqual(['foo==2 \\', '    --global-option=x']);
  });
});
