import { execFileSync, spawnSync } from 'node:child_process';
import { sign as nodeSign, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerify } from '../../src/cli/commands/verify.js';
import { AigisError } from '../../src/core/errors.js';
import { readPackets } from '../../src/provenance/signatures/openpgp/packets.js';

/**
 * Signs fresh files with the real minisign, signify-openbsd, ssh-keygen, gpg and openssl, then verifies them
 * with `aigis verify`. A missing tool fails the suite: CI must install them (see REQUIRED_TOOLS).
 */
const REQUIRED_TOOLS = ['minisign', 'signify-openbsd', 'ssh-keygen', 'gpg', 'gpgconf', 'openssl'];

let dir: string;
const gnupgHome = () => join(dir, 'gnupg');

function tool(command: string, args: string[], options: { env?: Record<string, string>; input?: string } = {}): string {
  return execFileSync(command, args, { cwd: dir, env: { ...process.env, ...options.env }, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], input: options.input ?? '' });
}

const gpg = (args: string[]) => tool('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], { env: { GNUPGHOME: gnupgHome() } });

async function verify(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { cwd: dir, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  try {
    return { status: await runVerify(args, io), stdout, stderr };
  } catch (error) {
    if (error instanceof AigisError && error.code !== 'INTERNAL') return { status: 2, stdout, stderr: `${stderr}aigis: error: ${error.message}\n` };
    throw error;
  }
}

function write(name: string, content: string | Uint8Array): string {
  writeFileSync(join(dir, name), content);
  return name;
}

/** A copy of `name` with one byte changed, as `name.tampered`. */
function tamper(name: string): string {
  const bytes = readFileSync(join(dir, name));
  bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 0x20;
  return write(`${name}.tampered`, bytes);
}

function truncate(name: string): string {
  const bytes = readFileSync(join(dir, name));
  return write(`${name}.truncated`, bytes.subarray(0, Math.floor(bytes.length / 2)));
}

beforeAll(() => {
  const missing = REQUIRED_TOOLS.filter((name) => spawnSync('sh', ['-c', `command -v ${name}`]).status !== 0);
  if (missing.length > 0) throw new Error(`signature e2e tests need these tools on PATH: ${missing.join(', ')} (apt: minisign signify-openbsd openssh-client gnupg openssl)`);
  dir = mkdtempSync(join(tmpdir(), 'aigis-sigs-'));
  tool('mkdir', ['-m', '700', gnupgHome()]);
  write('data.bin', 'model weights v1\nline two\n');
  write('text.txt', 'a text file\nwith unix line endings\n');
  tamper('data.bin');
  write('garbage.sig', 'this is not a signature at all\n');
});

afterAll(() => {
  spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: gnupgHome() } });
  rmSync(dir, { recursive: true, force: true });
});

interface Case {
  name: string;
  /** Makes keys and a signature over data.bin; returns the signature file and the verify arguments for the key. */
  make: () => { signature: string; keyArgs: string[]; wrongKeyArgs: string[]; format: string };
}

let counter = 0;
const fresh = (prefix: string) => `${prefix}-${(counter += 1)}`;

function minisignCase(legacy: boolean): Case['make'] {
  return () => {
    const [a, b] = [fresh('mini'), fresh('mini')];
    for (const k of [a, b]) tool('minisign', ['-G', '-W', '-p', `${k}.pub`, '-s', `${k}.key`]);
    tool('minisign', ['-S', ...(legacy ? ['-l'] : []), '-s', `${a}.key`, '-m', 'data.bin', '-x', `${a}.minisig`, '-t', 'release 1.0']);
    return { signature: `${a}.minisig`, keyArgs: ['--key', `${a}.pub`], wrongKeyArgs: ['--key', `${b}.pub`], format: 'minisign' };
  };
}

function sshCase(type: string[], keyOptions: string[] = []): Case['make'] {
  return () => {
    const [a, b] = [fresh('ssh'), fresh('ssh')];
    for (const k of [a, b]) tool('ssh-keygen', ['-q', ...type, '-N', '', '-C', k, '-f', k]);
    tool('ssh-keygen', ['-Y', 'sign', '-f', a, '-n', 'file', ...keyOptions, 'data.bin']);
    tool('mv', ['data.bin.sig', `${a}.sshsig`]);
    return { signature: `${a}.sshsig`, keyArgs: ['--key', `${a}.pub`, '--namespace', 'file'], wrongKeyArgs: ['--key', `${b}.pub`, '--namespace', 'file'], format: 'ssh' };
  };
}

function gpgCase(algorithm: string, armor: boolean, textmode = false, data = 'data.bin'): Case['make'] {
  return () => {
    const [a, b] = [fresh('gpg'), fresh('gpg')];
    for (const k of [a, b]) gpg(['--quick-gen-key', `${k} <${k}@example.org>`, algorithm, 'sign', 'never']);
    gpg(['--armor', '--output', `${a}.asc`, '--export', `${a}@example.org`]);
    gpg(['--output', `${b}.gpg`, '--export', `${b}@example.org`]);
    const signature = `${a}.${armor ? 'asc-sig' : 'sig'}`;
    gpg(['--local-user', `${a}@example.org`, ...(armor ? ['--armor'] : []), ...(textmode ? ['--textmode'] : []), '--detach-sign', '--output', signature, data]);
    return { signature, keyArgs: ['--key', `${a}.asc`], wrongKeyArgs: ['--key', `${b}.gpg`], format: 'openpgp' };
  };
}

function opensslCase(genpkey: string[], signArgs: (key: string, out: string) => string[], format: string, der = false): Case['make'] {
  return () => {
    const [a, b] = [fresh('ossl'), fresh('ossl')];
    for (const k of [a, b]) {
      tool('openssl', ['genpkey', ...genpkey, '-out', `${k}.key`]);
      tool('openssl', ['pkey', '-in', `${k}.key`, '-pubout', ...(der ? ['-outform', 'DER'] : []), '-out', `${k}.pub`]);
    }
    tool('openssl', signArgs(`${a}.key`, `${a}.sig`));
    return { signature: `${a}.sig`, keyArgs: ['--key', `${a}.pub`], wrongKeyArgs: ['--key', `${b}.pub`], format };
  };
}

const dgst = (hash: string, extra: string[] = []) => (key: string, out: string) => ['dgst', `-${hash}`, ...extra, '-sign', key, '-out', out, 'data.bin'];

const CASES: Case[] = [
  { name: 'minisign (prehashed ED)', make: minisignCase(false) },
  { name: 'minisign (legacy Ed, -l)', make: minisignCase(true) },
  {
    name: 'signify-openbsd',
    make: () => {
      const [a, b] = [fresh('signify'), fresh('signify')];
      for (const k of [a, b]) tool('signify-openbsd', ['-G', '-n', '-p', `${k}.pub`, '-s', `${k}.sec`]);
      tool('signify-openbsd', ['-S', '-s', `${a}.sec`, '-m', 'data.bin', '-x', `${a}.sig`]);
      return { signature: `${a}.sig`, keyArgs: ['--key', `${a}.pub`], wrongKeyArgs: ['--key', `${b}.pub`], format: 'signify' };
    },
  },
  { name: 'ssh-keygen ed25519', make: sshCase(['-t', 'ed25519']) },
  { name: 'ssh-keygen ecdsa P-256', make: sshCase(['-t', 'ecdsa', '-b', '256']) },
  { name: 'ssh-keygen ecdsa P-384 (sha256 message hash)', make: sshCase(['-t', 'ecdsa', '-b', '384'], ['-O', 'hashalg=sha256']) },
  { name: 'ssh-keygen rsa 3072 (rsa-sha2-512)', make: sshCase(['-t', 'rsa', '-b', '3072']) },
  { name: 'gpg ed25519, armored', make: gpgCase('ed25519', true) },
  { name: 'gpg ed25519, binary', make: gpgCase('ed25519', false) },
  { name: 'gpg rsa3072, armored', make: gpgCase('rsa3072', true) },
  { name: 'gpg rsa2048, binary', make: gpgCase('rsa2048', false) },
  { name: 'gpg ed25519 --textmode', make: gpgCase('ed25519', true, true) },
  { name: 'openssl ECDSA P-256 (DER)', make: opensslCase(['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'], dgst('sha256'), 'ecdsa') },
  { name: 'openssl ECDSA P-384 (DER), DER public key', make: opensslCase(['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'], dgst('sha384'), 'ecdsa', true) },
  { name: 'openssl RSA PKCS#1 v1.5', make: opensslCase(['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'], dgst('sha256'), 'rsa-pkcs1') },
  { name: 'openssl RSA-PSS', make: opensslCase(['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'], dgst('sha256', ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32']), 'rsa-pss') },
  { name: 'openssl Ed25519 (pkeyutl -rawin)', make: opensslCase(['-algorithm', 'ED25519'], (key, out) => ['pkeyutl', '-sign', '-rawin', '-inkey', key, '-in', 'data.bin', '-out', out], 'ed25519') },
];

describe.each(CASES)('aigis verify against $name', ({ make }) => {
  let made: ReturnType<Case['make']>;
  beforeAll(() => {
    made = make();
  });

  it('verifies the signed file (exit 0) and names the format', async () => {
    const result = await verify(['data.bin', '--signature', made.signature, ...made.keyArgs, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ verified: true, format: made.format, file: 'data.bin' });
  });

  it('rejects a tampered file (exit 1)', async () => {
    const result = await verify(['data.bin.tampered', '--signature', made.signature, ...made.keyArgs]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/REJECTED.*does not match the file/);
  });

  it('rejects the signature under another key (exit 1)', async () => {
    const result = await verify(['data.bin', '--signature', made.signature, ...made.wrongKeyArgs]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('REJECTED');
  });

  it('refuses a truncated signature as unusable (exit 2) and names the file', async () => {
    const result = await verify(['data.bin', '--signature', truncate(made.signature), ...made.keyArgs]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${made.signature}.truncated`);
  });

  it('refuses a garbage signature (exit 2)', async () => {
    const result = await verify(['data.bin', '--signature', 'garbage.sig', ...made.keyArgs]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('garbage.sig');
  });
});

describe('SSH signatures with allowed_signers', () => {
  let pub: string;
  let signature: string;
  let otherPub: string;
  beforeAll(() => {
    tool('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ci', '-f', 'allowed-key']);
    tool('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'other', '-f', 'other-key']);
    tool('ssh-keygen', ['-Y', 'sign', '-f', 'allowed-key', '-n', 'release', 'data.bin']);
    signature = write('release.sshsig', readFileSync(join(dir, 'data.bin.sig')));
    pub = readFileSync(join(dir, 'allowed-key.pub'), 'utf8').trim();
    otherPub = readFileSync(join(dir, 'other-key.pub'), 'utf8').trim();
  });

  /** Runs ssh-keygen -Y verify too, so every verdict here is the real tool's verdict as well. */
  async function both(allowed: string, identity: string, namespace: string, file = 'data.bin') {
    const signers = write(fresh('allowed_signers'), `${allowed}\n`);
    const ssh = spawnSync('ssh-keygen', ['-Y', 'verify', '-f', signers, '-I', identity, '-n', namespace, '-s', signature], { cwd: dir, input: readFileSync(join(dir, file)) });
    const aigis = await verify([file, '--signature', signature, '--allowed-signers', signers, '--identity', identity, '--namespace', namespace]);
    return { ssh: ssh.status, aigis: aigis.status, stdout: aigis.stdout, stderr: aigis.stderr };
  }

  it.each([
    ['the plain line', () => `ci@acme.org ${pub}`, 'ci@acme.org', 'release', 0],
    ['a wildcard principal', () => `*@acme.org ${pub}`, 'ci@acme.org', 'release', 0],
    ['a ? principal', () => `c?@acme.org ${pub}`, 'ci@acme.org', 'release', 0],
    ['a negated principal', () => `*@acme.org,!ci@acme.org ${pub}`, 'ci@acme.org', 'release', 1],
    ['a quoted principal list', () => `"dev@acme.org,ci@acme.org" ${pub}`, 'ci@acme.org', 'release', 0],
    ['the wrong identity', () => `ci@acme.org ${pub}`, 'someone@acme.org', 'release', 1],
    ['the wrong namespace asked for', () => `ci@acme.org ${pub}`, 'ci@acme.org', 'file', 1],
    ['namespaces= allowing it', () => `ci@acme.org namespaces="file,rel*" ${pub}`, 'ci@acme.org', 'release', 0],
    ['namespaces= not allowing it', () => `ci@acme.org namespaces="file,git" ${pub}`, 'ci@acme.org', 'release', 1],
    ['valid-before in the past', () => `ci@acme.org valid-before="20200101Z" ${pub}`, 'ci@acme.org', 'release', 1],
    ['valid-before in the future', () => `ci@acme.org valid-before="29991231235959Z" ${pub}`, 'ci@acme.org', 'release', 0],
    ['valid-after in the future', () => `ci@acme.org valid-after="299912310000" ${pub}`, 'ci@acme.org', 'release', 1],
    ['valid-after in the past, with namespaces', () => `ci@acme.org valid-after="20200101",namespaces="release" ${pub}`, 'ci@acme.org', 'release', 0],
    ['another key for the identity', () => `ci@acme.org ${otherPub}`, 'ci@acme.org', 'release', 1],
    ['the key only as a cert-authority', () => `ci@acme.org cert-authority ${pub}`, 'ci@acme.org', 'release', 1],
    ['comments and a second matching line', () => `# team keys\n\nci@acme.org ${otherPub}\nci@acme.org ${pub} laptop`, 'ci@acme.org', 'release', 0],
  ] as const)('%s: aigis agrees with ssh-keygen -Y verify', async (_, line, identity, namespace, expected) => {
    const result = await both(line(), identity, namespace);
    expect(result.ssh).toBe(expected === 0 ? 0 : 255);
    expect(result.aigis, result.stdout + result.stderr).toBe(expected);
  });

  it('rejects a tampered file, as ssh-keygen does', async () => {
    const result = await both(`ci@acme.org ${pub}`, 'ci@acme.org', 'release', 'data.bin.tampered');
    expect(result.ssh).toBe(255);
    expect(result.aigis).toBe(1);
  });

  it('refuses a malformed allowed_signers file (exit 2) with its name and line', async () => {
    const result = await both(`ci@acme.org valid-before="2020-01-01" ${pub}`, 'ci@acme.org', 'release');
    expect(result.aigis).toBe(2);
    expect(result.stderr).toMatch(/allowed_signers-\d+: line 1: timestamp/);
  });

  it('needs --namespace and --identity (exit 2)', async () => {
    const signers = write('signers-usage', `ci@acme.org ${pub}\n`);
    expect((await verify(['data.bin', '--signature', signature, '--allowed-signers', signers, '--identity', 'ci@acme.org'])).status).toBe(2);
    expect((await verify(['data.bin', '--signature', signature, '--allowed-signers', signers, '--namespace', 'release'])).status).toBe(2);
  });
});

describe('OpenPGP key and signature lifetimes (gpg --faked-system-time)', () => {
  it('verifies a signature made before the key expired, with a warning', async () => {
    gpg(['--faked-system-time', '20200101T000000', '--quick-gen-key', 'Old <old@example.org>', 'ed25519', 'sign', '1d']);
    gpg(['--faked-system-time', '20200101T010000', '--local-user', 'old@example.org', '--armor', '--detach-sign', '--output', 'old.asc', 'data.bin']);
    gpg(['--armor', '--output', 'old-pub.asc', '--export', 'old@example.org']);
    const result = await verify(['data.bin', '--signature', 'old.asc', '--key', 'old-pub.asc']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/has expired since/);
  });

  it('rejects an expired signature (exit 1)', async () => {
    gpg(['--faked-system-time', '20200101T000000', '--quick-gen-key', 'Sigexp <sigexp@example.org>', 'ed25519', 'sign', 'never']);
    gpg(['--faked-system-time', '20200101T010000', '--default-sig-expire', '1d', '--local-user', 'sigexp@example.org', '--detach-sign', '--output', 'sigexp.sig', 'data.bin']);
    gpg(['--output', 'sigexp-pub.gpg', '--export', 'sigexp@example.org']);
    const result = await verify(['data.bin', '--signature', 'sigexp.sig', '--key', 'sigexp-pub.gpg']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/signature expired at 2020-01-02/);
  });

  it('finds the signing subkey of a key with a separate signing subkey', async () => {
    gpg(['--quick-gen-key', 'Sub <sub@example.org>', 'ed25519', 'cert', 'never']);
    const fingerprint = /fpr:+([0-9A-F]{40}):/.exec(gpg(['--with-colons', '--list-keys', 'sub@example.org']))![1]!;
    gpg(['--quick-add-key', fingerprint, 'ed25519', 'sign', 'never']);
    gpg(['--local-user', 'sub@example.org', '--armor', '--detach-sign', '--output', 'sub.asc', 'data.bin']);
    gpg(['--armor', '--output', 'sub-pub.asc', '--export', 'sub@example.org']);
    const result = await verify(['data.bin', '--signature', 'sub.asc', '--key', 'sub-pub.asc', '--format', 'json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ verified: true, signer: 'Sub <sub@example.org>' });
  });
  it('ignores a subkey grafted onto a key block without a binding signature from its primary', async () => {
    gpg(['--quick-gen-key', 'Victim <victim@example.org>', 'ed25519', 'sign', 'never']);
    gpg(['--quick-gen-key', 'Graft <graft@example.org>', 'ed25519', 'cert', 'never']);
    const graftFingerprint = /fpr:+([0-9A-F]{40}):/.exec(gpg(['--with-colons', '--list-keys', 'graft@example.org']))![1]!;
    gpg(['--quick-add-key', graftFingerprint, 'ed25519', 'sign', 'never']);
    gpg(['--local-user', 'graft@example.org', '--detach-sign', '--output', 'graft.sig', 'data.bin']);
    gpg(['--output', 'victim.gpg', '--export', 'victim@example.org']);
    gpg(['--output', 'graft.gpg', '--export', 'graft@example.org']);
    const graftBytes = readFileSync(join(dir, 'graft.gpg'));
    // Re-frame the graft key's subkey and its binding signature (made by the graft primary) after the victim's key.
    const tail = readPackets(graftBytes, 'graft.gpg').filter((p, i, all) => p.tag === 14 || (p.tag === 2 && all[i - 1]?.tag === 14));
    const framed = tail.map((p) => Buffer.concat([Buffer.from([0xc0 | p.tag, 0xff]), Buffer.from([p.body.length >>> 24, (p.body.length >>> 16) & 0xff, (p.body.length >>> 8) & 0xff, p.body.length & 0xff]), p.body]));
    expect(framed).toHaveLength(2);
    write('frankenstein.gpg', Buffer.concat([readFileSync(join(dir, 'victim.gpg')), ...framed]));
    expect((await verify(['data.bin', '--signature', 'graft.sig', '--key', 'graft.gpg'])).status).toBe(0);
    const result = await verify(['data.bin', '--signature', 'graft.sig', '--key', 'frankenstein.gpg']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/not among the trusted keys/);
  });
});

describe('details and the keyring', () => {
  it('shows minisign trusted comments and rejects an edited one (exit 1)', async () => {
    tool('minisign', ['-G', '-W', '-p', 'tc.pub', '-s', 'tc.key']);
    tool('minisign', ['-S', '-s', 'tc.key', '-m', 'data.bin', '-x', 'tc.minisig', '-t', 'release 2.0 by ci']);
    const ok = await verify(['data.bin', '--signature', 'tc.minisig', '--key', 'tc.pub']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/minisign.*key id [0-9A-F]{16}.*trusted comment: "release 2.0 by ci"/);
    write('tc-edited.minisig', readFileSync(join(dir, 'tc.minisig'), 'utf8').replace('release 2.0', 'release 9.9'));
    const edited = await verify(['data.bin', '--signature', 'tc-edited.minisig', '--key', 'tc.pub']);
    expect(edited.status).toBe(1);
    expect(edited.stdout).toMatch(/trusted comment is not signed/);
  });

  it('verifies raw r||s ECDSA signatures made by OpenSSL through node', async () => {
    tool('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', 'p384.key']);
    tool('openssl', ['pkey', '-in', 'p384.key', '-pubout', '-out', 'p384.pub']);
    const key = createPrivateKey(readFileSync(join(dir, 'p384.key')));
    write('p384.raw-sig', nodeSign('sha384', readFileSync(join(dir, 'data.bin')), { key, dsaEncoding: 'ieee-p1363' }));
    const result = await verify(['data.bin', '--signature', 'p384.raw-sig', '--key', 'p384.pub']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/ECDSA P-384 SHA384 \(raw r\|\|s\)/);
    expect((await verify(['data.bin.tampered', '--signature', 'p384.raw-sig', '--key', 'p384.pub'])).status).toBe(1);
  });

  it('takes keys from the policy keyring by publisher (paths and inline keys)', async () => {
    tool('signify-openbsd', ['-G', '-n', '-p', 'kr.pub', '-s', 'kr.sec']);
    tool('signify-openbsd', ['-S', '-s', 'kr.sec', '-m', 'data.bin', '-x', 'kr.sig']);
    tool('minisign', ['-G', '-W', '-p', 'kr-mini.pub', '-s', 'kr-mini.key']);
    tool('minisign', ['-S', '-s', 'kr-mini.key', '-m', 'data.bin', '-x', 'kr.minisig']);
    const inline = readFileSync(join(dir, 'kr-mini.pub'), 'utf8');
    write('aigis.toml', `[[keyring.publishers]]\nname = "acme"\nkeys = ["kr.pub"]\ninline = [${JSON.stringify(inline)}]\n\n[[keyring.publishers]]\nname = "other"\nkeys = ["tc.pub"]\n`);
    expect((await verify(['data.bin', '--signature', 'kr.sig', '--publisher', 'acme'])).status).toBe(0);
    expect((await verify(['data.bin', '--signature', 'kr.minisig', '--publisher', 'acme'])).status).toBe(0);
    expect((await verify(['data.bin', '--signature', 'kr.sig', '--publisher', 'other'])).status).toBe(1);
    const unknown = await verify(['data.bin', '--signature', 'kr.sig', '--publisher', 'nobody']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/publisher "nobody" is not in the keyring/);
  });

  it('refuses usage errors, missing files and private keys (exit 2)', async () => {
    expect((await verify(['data.bin', '--key', 'tc.pub'])).status).toBe(2);
    expect((await verify(['data.bin', '--signature', 'tc.minisig'])).status).toBe(2);
    const missing = await verify(['nope.bin', '--signature', 'tc.minisig', '--key', 'tc.pub']);
    expect(missing.stderr).toMatch(/nope\.bin: no such signed file/);
    const privateKey = await verify(['data.bin', '--signature', 'p384.raw-sig', '--key', 'p384.key']);
    expect(privateKey.status).toBe(2);
    expect(privateKey.stderr).toMatch(/p384\.key: is a private key/);
    expect((await verify(['--help'])).stdout).toMatch(/^Usage: aigis verify/);
  });
});
