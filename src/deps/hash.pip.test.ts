/**
 * The real client agrees: pip 23 with --require-hashes accepts what hashRequirements writes, from the loopback
 * index (JSON and HTML) and from the wheelhouse, and refuses the file once one hash is wrong.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIndexServer, type IndexServer } from '../../test/support/index-server.js';
import { createPackageIndex } from '../sources/index/index.js';
import { createWheelhouse } from '../sources/wheelhouse/index.js';
import { hashRequirements } from './hash.js';

const run = promisify(execFile);
const WHEELS = join(import.meta.dirname, '../../test/support/wheels');
const REQUIREMENTS = '# demo\naigis-demo-app==1.0\naigis-demo-lib==1.1  # the library\n';

let json: IndexServer;
let html: IndexServer;
let dir: string;
beforeAll(async () => {
  json = await startIndexServer({ folder: WHEELS });
  html = await startIndexServer({ folder: WHEELS, format: 'html' });
  dir = mkdtempSync(join(tmpdir(), 'aigis-pip-hash-'));
});
afterAll(async () => {
  await Promise.all([json.close(), html.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function pipDownload(requirements: string, source: string[]): Promise<{ ok: boolean; output: string; files: string[] }> {
  const work = mkdtempSync(join(dir, 'run-'));
  writeFileSync(join(work, 'requirements.txt'), requirements);
  // --isolated: no environment variables and no user or site configuration reach pip.
  const args = ['-m', 'pip', '--isolated', '--no-cache-dir', '--disable-pip-version-check', '--no-input', 'download', '--no-deps', '--require-hashes', '--only-binary', ':all:', '-d', join(work, 'out'), '-r', join(work, 'requirements.txt'), ...source];
  try {
    const { stdout, stderr } = await run('python3', args, { cwd: work, timeout: 120_000 });
    return { ok: true, output: stdout + stderr, files: readdirSync(join(work, 'out')).sort() };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}`, files: [] };
  }
}

describe('pip --require-hashes accepts the hashed file', () => {
  it.each([
    ['a PEP 691 index', () => json],
    ['a PEP 503 index', () => html],
  ])('from %s', async (_label, server) => {
    const { text, problems } = await hashRequirements(REQUIREMENTS, 'requirements.txt', { index: createPackageIndex(server().simpleUrl) });
    expect(problems).toEqual([]);
    const pip = await pipDownload(text, ['--index-url', server().simpleUrl]);
    expect(pip.output).not.toMatch(/ERROR/);
    expect(pip.ok).toBe(true);
    expect(pip.files).toEqual(['aigis_demo_app-1.0-py3-none-any.whl', 'aigis_demo_lib-1.1-py3-none-any.whl']);
  });

  it('from a wheelhouse, and refuses once a hash is wrong', async () => {
    const { text } = await hashRequirements(REQUIREMENTS, 'requirements.txt', { artifacts: createWheelhouse(WHEELS) });
    const accepted = await pipDownload(text, ['--no-index', '--find-links', WHEELS]);
    expect(accepted.ok).toBe(true);
    const tampered = text.replace(/(aigis-demo-lib==1\.1 \\\n {4}--hash=sha256:)[0-9a-f]{64}( \\\n {4}--hash=sha256:)[0-9a-f]{64}/, `$1${'0'.repeat(64)}$2${'1'.repeat(64)}`);
    expect(tampered).not.toBe(text);
    const refused = await pipDownload(tampered, ['--no-index', '--find-links', WHEELS]);
    expect(refused.ok).toBe(false);
    expect(refused.output).toContain('THESE PACKAGES DO NOT MATCH THE HASHES');
  });
});
