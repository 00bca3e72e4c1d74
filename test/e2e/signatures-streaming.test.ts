import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKeyFile, signedFile, verifyDetachedSignature } from '../../src/provenance/signatures/index.js';
import { projectRoot } from './run-cli.js';

/**
 * The signed file is read in pieces: text signatures made by the real gpg give the same verdicts in
 * 1- and 7-byte pieces as gpg itself, and a 3 GiB file signed by the real minisign and ssh-keygen
 * verifies through the built CLI in bounded memory.
 */
let dir: string;
const gnupgHome = () => join(dir, 'gnupg');

function tool(command: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync(command, args, { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const gpg = (args: string[]) => tool('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], { GNUPGHOME: gnupgHome() });

function gpgAccepts(signature: string, file: string): boolean {
  return spawnSync('gpg', ['--batch', '--verify', signature, file], { cwd: dir, env: { ...process.env, GNUPGHOME: gnupgHome() } }).status === 0;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-sigstream-'));
  tool('mkdir', ['-m', '700', gnupgHome()]);
});

afterAll(() => {
  spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: gnupgHome() } });
  rmSync(dir, { recursive: true, force: true });
});

/**
 * CR LF and bare LF mixed; with 7-byte pieces the CR LF at 6-7 and the bare LFs at 13 and 14 meet piece
 * boundaries; CRs before a line end and at the end of the file are what GnuPG's text filter drops.
 */
const MIXED = 'abcdef\r\nghijk\n\nlm\r\r\nnopqrs\ruv\nw\r';

const VARIANTS: Record<string, string> = {
  original: MIXED,
  'every line ending CR LF': MIXED.replace(/\r*\n/g, '\r\n'),
  'every line ending LF': MIXED.replace(/\r*\n/g, '\n'),
  'a letter changed': MIXED.replace('ghijk', 'ghijK'),
  'a line ending removed': MIXED.replace('\n\n', '\n'),
  'a CR inside a line removed': MIXED.replace('s\ru', 'su'),
};

describe.each(['ed25519', 'rsa2048'])('gpg --textmode (%s) over a CR LF / LF mixed file', (algorithm) => {
  let signature: string;
  let keyFile: string;
  beforeAll(() => {
    const name = `text-${algorithm}`;
    gpg(['--quick-gen-key', `${name} <${name}@example.org>`, algorithm, 'sign', 'never']);
    keyFile = join(dir, `${name}.asc`);
    gpg(['--armor', '--output', keyFile, '--export', `${name}@example.org`]);
    writeFileSync(join(dir, 'mixed.txt'), MIXED);
    signature = `${name}.sig`;
    gpg(['--local-user', `${name}@example.org`, '--textmode', '--detach-sign', '--output', signature, 'mixed.txt']);
  });

  it.each(Object.entries(VARIANTS))('%s: the same verdict as gpg, whole and in 1- and 7-byte pieces', (variant, content) => {
    const file = `${variant.replaceAll(' ', '-')}.txt`;
    writeFileSync(join(dir, file), content);
    const expected = gpgAccepts(signature, file);
    if (variant === 'original' || variant.startsWith('every line ending')) expect(expected).toBe(true);
    const keys = parseKeyFile({ name: keyFile, bytes: readFileSync(keyFile) });
    const sig = { name: signature, bytes: readFileSync(join(dir, signature)) };
    for (const chunkBytes of [undefined, 1, 7]) {
      const outcome = verifyDetachedSignature({ data: signedFile(join(dir, file), file, chunkBytes), signature: sig, keys, now: new Date() });
      expect(outcome.verified, `pieces of ${chunkBytes ?? 'default size'}`).toBe(expected);
    }
  });
});

const GIB = 1024 * 1024 * 1024;
const BIG_BYTES = 3 * GIB;
const bin = join(projectRoot, 'bin/aigis.js');

/** Runs the built CLI under /usr/bin/time; the last stderr line is the child's peak RSS in KiB. */
function verifyMeasured(args: string[]): { status: number | null; stdout: string; stderr: string; peakKib: number } {
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, 'verify', ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  const lines = result.stderr.trim().split('\n');
  return { status: result.status, stdout: result.stdout, stderr: lines.slice(0, -1).join('\n'), peakKib: Number(lines.at(-1)) };
}

describe('a 3 GiB sparse file (no disk cost) signed by the real tools', () => {
  beforeAll(() => {
    if (!existsSync(join(projectRoot, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
    const fd = openSync(join(dir, 'big.safetensors'), 'w');
    ftruncateSync(fd, BIG_BYTES);
    writeSync(fd, Buffer.from('{"weights": "sparse"}\n'), 0, undefined, 0);
    closeSync(fd);
    tool('minisign', ['-G', '-W', '-p', 'big.pub', '-s', 'big.key']);
    tool('minisign', ['-S', '-s', 'big.key', '-m', 'big.safetensors', '-x', 'big.minisig', '-t', 'shard 1 of 1']);
    tool('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'big', '-f', 'big_ssh']);
    tool('ssh-keygen', ['-Y', 'sign', '-f', 'big_ssh', '-n', 'file', 'big.safetensors']);
  }, 240_000);

  it('minisign (prehashed) and SSHSIG verify with a peak RSS under 300 MB; one changed byte is then rejected', () => {
    const minisign = verifyMeasured(['big.safetensors', '--signature', 'big.minisig', '--key', 'big.pub']);
    expect(minisign.stdout).toMatch(/big\.safetensors: signature verified \(minisign, Ed25519 over BLAKE2b-512/);
    expect(minisign.status).toBe(0);
    expect(minisign.peakKib).toBeLessThan(300 * 1000);
    const ssh = verifyMeasured(['big.safetensors', '--signature', 'big.safetensors.sig', '--key', 'big_ssh.pub', '--namespace', 'file']);
    expect(ssh.stdout).toMatch(/signature verified \(ssh, ssh-ed25519 \(sha512\)/);
    expect(ssh.status).toBe(0);
    expect(ssh.peakKib).toBeLessThan(300 * 1000);

    const fd = openSync(join(dir, 'big.safetensors'), 'r+');
    writeSync(fd, Buffer.from([1]), 0, 1, 2 * GIB + 12345);
    closeSync(fd);
    const tampered = verifyMeasured(['big.safetensors', '--signature', 'big.minisig', '--key', 'big.pub']);
    expect(tampered.stdout).toMatch(/signature REJECTED .*does not match the file/);
    expect(tampered.status).toBe(1);
  }, 240_000);

  it('a pure-Ed25519 format (signify) refuses it with exit 2 and says why, before reading it', () => {
    for (const name of ['data.txt.sig', 'signify-test.pub']) writeFileSync(join(dir, name), readFileSync(join(projectRoot, 'test/fixtures/detached-sigs', name)));
    const result = verifyMeasured(['big.safetensors', '--signature', 'data.txt.sig', '--key', 'signify-test.pub']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/big\.safetensors: is 3221225472 bytes; signify signs the whole message with pure Ed25519.*minisign's default prehashed mode/);
    expect(result.peakKib).toBeLessThan(300 * 1000);
  });
});
