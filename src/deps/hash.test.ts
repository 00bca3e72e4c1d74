import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIndexServer, type IndexServer } from '../../test/support/index-server.js';
import { createPackageIndex } from '../sources/index/index.js';
import { createWheelhouse } from '../sources/wheelhouse/index.js';
import { hashRequirements } from './hash.js';

const WHEELS = join(import.meta.dirname, '../../test/support/wheels');
const FIXTURES = join(import.meta.dirname, '__fixtures__/hash');
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const EXTRA = {
  'multi-platform': [
    { filename: 'multi_platform-2.0-cp311-cp311-manylinux_2_17_x86_64.whl', bytes: bytes('linux') },
    { filename: 'multi_platform-2.0-cp311-cp311-win_amd64.whl', bytes: bytes('windows') },
    { filename: 'multi_platform-2.0-cp312-cp312-macosx_11_0_arm64.whl', bytes: bytes('mac') },
    { filename: 'multi_platform-2.0.tar.gz', bytes: bytes('sdist') },
    { filename: 'multi_platform-2.1-cp311-cp311-win_amd64.whl', bytes: bytes('other release') },
  ],
  'yanked-release': [{ filename: 'yanked_release-3.0-py3-none-any.whl', bytes: bytes('yanked'), yanked: 'bad build' }],
  'no-hash': [{ filename: 'no_hash-1.0-py3-none-any.whl', bytes: bytes('x'), sha256: null }],
};

/** Fills `{{filename}}` with the file's sha256 and orders each run of --hash lines by value, as the output does. */
function expected(text: string, digest: (filename: string) => string): string {
  const filled = text.replace(/\{\{([^}]+)\}\}/g, (_m, filename: string) => digest(filename));
  const eol = filled.includes('\r\n') ? '\r\n' : '\n';
  const lines = filled.split(eol);
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j < lines.length && /^\s*--hash=/.test(lines[j]!)) j += 1;
    if (j > i) {
      const parts = lines.slice(i, j).map((line) => /^(\s*--hash=)(\S+)(.*)$/.exec(line)!);
      const sorted = parts.map((p) => p[2]!).sort();
      parts.forEach((p, k) => (lines[i + k] = `${p[1]}${sorted[k]}${p[3]}`));
    }
    i = j + 1;
  }
  return lines.join(eol);
}

let server: IndexServer;
beforeAll(async () => {
  server = await startIndexServer({ folder: WHEELS, projects: EXTRA });
});
afterAll(() => server.close());

const serverDigest = (filename: string): string => {
  for (const project of ['aigis-demo-app', 'aigis-demo-lib', ...Object.keys(EXTRA)]) {
    const file = server.files(project).find((f) => f.filename === filename);
    if (file?.sha256) return file.sha256;
  }
  throw new Error(`no file ${filename}`);
};
const fileDigest = (filename: string): string => createHash('sha256').update(readFileSync(join(WHEELS, filename))).digest('hex');

describe('hashRequirements from a PEP 691 index', () => {
  it('matches the golden file and reports what it left alone', async () => {
    const input = readFileSync(join(FIXTURES, 'index/requirements.txt'), 'utf8');
    const index = createPackageIndex(server.simpleUrl);
    const result = await hashRequirements(input, 'requirements.txt', { index });
    expect(result.text).toBe(expected(readFileSync(join(FIXTURES, 'index/expected.txt'), 'utf8'), serverDigest));
    expect(result.changes.map((c) => [c.line, c.name, c.version, c.added.length, c.removed.length])).toEqual([
      [7, 'aigis-demo-app', '1.0', 2, 0],
      [8, 'Aigis_Demo.Lib', '1.1', 2, 0],
      [10, 'multi-platform', '2.0', 4, 2],
      [13, 'yanked-release', '3.0', 1, 0],
    ]);
    expect(result.problems.map((p) => [p.kind, p.line])).toEqual([
      ['unpinned', 9],
      ['yanked', 13],
      ['not-hashable', 14],
      ['not-hashable', 15],
      ['not-hashable', 16],
      ['project-not-found', 17],
      ['no-files', 18],
    ]);
    expect(result.problems[0]!.message).toBe('requirements.txt:9: numpy is not pinned to one version (==); left as it is');
  });

  it('is idempotent: a second run changes nothing and returns the text as it is', async () => {
    const index = createPackageIndex(server.simpleUrl);
    const first = await hashRequirements(readFileSync(join(FIXTURES, 'index/requirements.txt'), 'utf8'), 'r.txt', { index });
    const second = await hashRequirements(first.text, 'r.txt', { index });
    expect(second.changes).toEqual([]);
    expect(second.text).toBe(first.text);
  });

  it('leaves a release alone when the index gives a file without sha256', async () => {
    const result = await hashRequirements('no-hash==1.0\n', 'r.txt', { index: createPackageIndex(server.simpleUrl) });
    expect(result.text).toBe('no-hash==1.0\n');
    expect(result.problems.map((p) => p.kind)).toEqual(['missing-hash']);
  });

  it('propagates index failures', async () => {
    server.setFault('aigis-demo-app', { kind: 'status', status: 503 });
    try {
      await expect(hashRequirements('aigis-demo-app==1.0\n', 'r.txt', { index: createPackageIndex(server.simpleUrl) })).rejects.toThrow(/503/);
    } finally {
      server.setFault('aigis-demo-app', undefined);
    }
  });
});

describe('hashRequirements from a wheelhouse', () => {
  it('matches the golden file, keeping CRLF line endings and the hash indentation', async () => {
    const input = readFileSync(join(FIXTURES, 'wheelhouse/requirements.txt'), 'utf8');
    const result = await hashRequirements(input, 'requirements.txt', { artifacts: createWheelhouse(WHEELS) });
    expect(result.text).toBe(expected(readFileSync(join(FIXTURES, 'wheelhouse/expected.txt'), 'utf8'), fileDigest));
    expect(result.changes.map((c) => [c.name, c.removed])).toEqual([
      ['aigis-demo-lib', []],
      ['aigis-demo-app', ['sha256:abc']],
    ]);
    expect(result.problems).toEqual([]);
  });

  it('treats a comment line as the end of a continuation, as pip does', async () => {
    const input = 'aigis-demo-lib==1.1 \\\n# a comment ends the line\n    --hash=sha256:abc\n';
    const result = await hashRequirements(input, 'r.txt', { artifacts: createWheelhouse(WHEELS) });
    expect(result.text.split('\n').slice(0, 3)).toEqual([
      'aigis-demo-lib==1.1 \\',
      `    --hash=sha256:${[fileDigest('aigis-demo-lib-1.1.tar.gz'), fileDigest('aigis_demo_lib-1.1-py3-none-any.whl')].sort()[0]} \\`,
      expect.stringMatching(/^ {4}--hash=sha256:[0-9a-f]{64} {2}# a comment ends the line$/),
    ]);
    expect(result.text.endsWith('    --hash=sha256:abc\n')).toBe(true);
  });
});

describe('hashRequirements properties', () => {
  const line = fc.oneof(
    fc.constantFrom('', '# comment', '-r other.txt', '--index-url https://x/simple', 'numpy>=1', 'torch', '-e .', 'x @ https://h/x.whl'),
    fc.string({ maxLength: 40 }).filter((s) => !/[\r\n]/.test(s)),
  );

  it('never throws and leaves text alone when no source has the projects', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 20 }), fc.boolean(), async (lines, crlf) => {
        const text = lines.join(crlf ? '\r\n' : '\n');
        const result = await hashRequirements(text, 'r.txt', {});
        expect(result.text).toBe(text);
        expect(result.changes).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('hashes pinned lines wherever they are and is idempotent', async () => {
    const artifacts = createWheelhouse(WHEELS);
    const pinned = fc.constantFrom('aigis-demo-lib==1.0', 'aigis_demo_app == 1.0  # c', 'aigis-demo-lib==1.1 ; python_version > "3"');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(line, pinned), { maxLength: 12 }), async (lines) => {
        const text = `${lines.join('\n')}\n`;
        const first = await hashRequirements(text, 'r.txt', { artifacts });
        const second = await hashRequirements(first.text, 'r.txt', { artifacts });
        expect(second.text).toBe(first.text);
        expect(second.changes).toEqual([]);
        const kept = first.text.split('\n').filter((l) => !/^\s+--hash=/.test(l)).map((l) => l.replace(/ \\$/, '').replace(/ {2}# c$/, ''));
        expect(kept.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
});
