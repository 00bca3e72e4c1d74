import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, runCli, type CliResult } from './run-cli.js';

// Until main.ts dispatches `aigis manifest`, the built command module is run as its own process with the
// same error-to-exit-code mapping; once it does, the real bin is used.
const COMMAND_SCRIPT = `
const { runManifest } = await import(${JSON.stringify(join(projectRoot, 'dist/cli/commands/manifest.js'))});
try { process.exitCode = await runManifest(process.argv.slice(1)); }
catch (error) { if (error?.name !== 'AigisError') throw error; process.stderr.write('aigis: error: ' + error.message + '\\n'); process.exitCode = 2; }`;
let wired = false;

function aigis(args: string[], cwd: string): CliResult {
  if (wired) return runCli(['manifest', ...args], { cwd });
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', COMMAND_SCRIPT, '--', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function sha256sum(args: string[], cwd: string) {
  return spawnSync('sha256sum', args, { cwd, encoding: 'utf8' });
}

const NAMES = ['with space.bin', 'back\\slash.txt', 'new\nline.txt', 'sub/dir/nested.bin', 'sub/ünï.txt'];
let base: string;
let tree: string;
beforeAll(() => {
  wired = runCli(['manifest', '--help']).stdout.includes('aigis manifest create');
  if (!existsSync(join(projectRoot, 'dist/cli/commands/manifest.js'))) throw new Error('dist/ is missing: run `npm run build`');
  base = mkdtempSync(join(tmpdir(), 'aigis-e2e-manifest-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function freshTree(name: string): string {
  tree = join(base, name);
  mkdirSync(join(tree, 'sub/dir'), { recursive: true });
  NAMES.forEach((file, index) => writeFileSync(join(tree, file), `content ${index}\n`.repeat(index * 1000 + 1)));
  return tree;
}

describe('aigis manifest and GNU sha256sum', () => {
  it.each([
    ['sha256sum', []],
    ['sha256sum', ['--binary']],
    ['bsd', []],
  ])('sha256sum -c accepts what aigis writes (%s %s), names with a space, backslash and newline included', (format, extra) => {
    const dir = freshTree(`out-${format}-${extra.length}`);
    const created = aigis(['create', '.', '-o', 'SHA256SUMS', '--format', format, ...extra], dir);
    expect(created.status, created.stderr).toBe(0);
    expect(created.stderr).toMatch(/^aigis: 5 files \(.+\) hashed; written to SHA256SUMS\n$/);
    const check = sha256sum(['--strict', '-c', 'SHA256SUMS'], dir);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout.match(/: OK$/gm)).toHaveLength(NAMES.length);
    expect(aigis(['verify', '.', 'SHA256SUMS'], dir).status).toBe(0);
  });

  it.each([
    ['GNU text', 'find . -type f -print0 | sort -z | xargs -0 sha256sum'],
    ['GNU binary', 'find . -type f -print0 | xargs -0 sha256sum -b'],
    ['BSD tag', 'find . -type f -print0 | xargs -0 sha256sum --tag'],
  ])('verifies a manifest written by the real sha256sum (%s)', (_label, command) => {
    const slug = _label.replace(' ', '-');
    const dir = freshTree(`in-${slug}`);
    const made = spawnSync('bash', ['-c', `${command} > ../${slug}.sums`], { cwd: dir, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    expect(readFileSync(join(base, `${slug}.sums`), 'utf8')).toMatch(/^\\/m);
    const verified = aigis(['verify', dir, join(base, `${slug}.sums`)], base);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/aigis: 5 files verified against .* \((sha256sum|bsd) format\)/);
  });

  it('exits 1 for tampered, missing and extra files, naming each', () => {
    const dir = freshTree('tamper');
    spawnSync('bash', ['-c', 'find . -type f -print0 | xargs -0 sha256sum > ../tamper.sums'], { cwd: dir });
    writeFileSync(join(dir, 'with space.bin'), 'tampered');
    rmSync(join(dir, 'new\nline.txt'));
    writeFileSync(join(dir, 'sub/extra.pkl'), 'unexpected');
    const result = aigis(['verify', '.', '../tamper.sums'], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('MODIFIED    with space.bin');
    expect(result.stdout).toContain('MISSING     "new\\nline.txt"');
    expect(result.stdout).toContain('UNEXPECTED  sub/extra.pkl');
    const json = JSON.parse(aigis(['verify', '.', '../tamper.sums', '--format', 'json'], dir).stdout);
    expect(json).toMatchObject({ ok: false, verified: 3, missing: ['new\nline.txt'], unexpected: ['sub/extra.pkl'] });
  });

  it('checks sizes from a JSON manifest and round-trips it', () => {
    const dir = freshTree('json');
    expect(aigis(['create', '.', '-o', 'manifest.json', '-f', 'json', '-q'], dir).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([...NAMES].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(aigis(['verify', '.', 'manifest.json'], dir).status).toBe(0);
    writeFileSync(join(dir, 'sub/dir/nested.bin'), 'short');
    const result = aigis(['verify', '.', 'manifest.json'], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^SIZE {8}sub\/dir\/nested\.bin \(5 bytes, expected \d+\)$/m);
  });

  it('refuses escaping entries and links out of the tree with exit 2, naming the entry', () => {
    const dir = freshTree('escape');
    writeFileSync(join(base, 'secret.txt'), 'secret');
    const digest = sha256sum(['secret.txt'], base).stdout.slice(0, 64);
    for (const [name, entry] of [['dotdot', '../secret.txt'], ['absolute', join(base, 'secret.txt')], ['drive', 'C:/secret.txt']] as const) {
      writeFileSync(join(base, `${name}.sums`), `${digest}  ${entry}\n`);
      const result = aigis(['verify', '.', `../${name}.sums`], dir);
      expect(result.status, name).toBe(2);
      expect(result.stderr).toContain(JSON.stringify(entry));
    }
    symlinkSync('../secret.txt', join(dir, 'link-out'));
    writeFileSync(join(base, 'link.sums'), `${digest}  link-out\n`);
    const linked = aigis(['verify', '.', '../link.sums'], dir);
    expect(linked.status).toBe(2);
    expect(linked.stderr).toContain('"link-out"');
    const create = aigis(['create', '.', '-o', '../never.sums'], dir);
    expect(create.status).toBe(2);
    expect(create.stderr).toContain('"link-out": symbolic link leads outside the folder');
    expect(existsSync(join(base, 'never.sums'))).toBe(false);
  });

  it('exits 2 for a malformed manifest or an unwritable output, leaving nothing half-written', () => {
    const dir = freshTree('malformed');
    writeFileSync(join(base, 'bad.sums'), 'this is not a checksum line\n');
    const bad = aigis(['verify', '.', '../bad.sums'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bad.sums:1:');
    const unwritable = aigis(['create', '.', '-o', 'no-such-folder/out.sums'], dir);
    expect(unwritable.status).toBe(2);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp'))).toEqual([]);
  });
});
