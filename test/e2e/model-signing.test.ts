import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, runCli } from './run-cli.js';

const VECTORS = join(projectRoot, 'test/fixtures/model-signing');
const SIGSTORE = ['--identity', 'stefanb@us.ibm.com', '--identity-provider', 'https://sigstore.verify.ibm.com/oauth2', '--trust-root', join(VECTORS, 'sigstore-public-good-trusted_root.json')];
const KEY = ['--key', join(VECTORS, 'keys/signing-key-pub.pem')];
const CHAIN = ['--certificate-chain', join(VECTORS, 'keys/ca-cert.pem')];

/**
 * What model_signing's key verifier does, in Python with the `cryptography` package it uses: the
 * signature over the DSSE PAE with the curve's hash, then each file's sha256 and the root digest.
 */
const PYTHON_CHECK = `
import base64, hashlib, json, pathlib, sys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
bundle = json.load(open(sys.argv[1]))
key = serialization.load_pem_public_key(open(sys.argv[2], 'rb').read())
env = bundle['dsseEnvelope']
payload = base64.b64decode(env['payload'])
ptype = env['payloadType'].encode()
pae = b'DSSEv1 %d %s %d %s' % (len(ptype), ptype, len(payload), payload)
digest = {256: hashes.SHA256(), 384: hashes.SHA384()}[key.curve.key_size]
key.verify(base64.b64decode(env['signatures'][0]['sig']), pae, ec.ECDSA(digest))
pem = key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
assert bundle['verificationMaterial']['publicKey']['hint'] == hashlib.sha256(pem).hexdigest()
statement = json.loads(payload)
root = hashlib.sha256()
for resource in statement['predicate']['resources']:
    data = (pathlib.Path(sys.argv[3]) / resource['name']).read_bytes()
    assert hashlib.sha256(data).hexdigest() == resource['digest'], resource['name']
    root.update(bytes.fromhex(resource['digest']))
assert statement['subject'][0]['digest']['sha256'] == root.hexdigest()
print('ok', len(statement['predicate']['resources']))
`;

const verify = (vector: string, trust: string[], extra: string[] = [], model = '') =>
  runCli(['model', 'verify', join(VECTORS, vector, model), '--signature', join(VECTORS, vector, 'model.sig'), ...trust, ...extra]);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-e2e-oms-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('aigis model verify on the model_signing interop vectors (README expectations)', () => {
  const cases: [string, string[], string?][] = [
    ['v0.2.0-certificate', CHAIN],
    ['v0.3.1-certificate', CHAIN],
    ['v1.0.0-certificate', CHAIN],
    ['v1.1.0-certificate', CHAIN],
    ['v0.3.1-elliptic-key', KEY, 'signme-1'],
    ['v1.0.0-elliptic-key', KEY, 'signme-1'],
    ['v1.1.0-elliptic-key', KEY],
    ['v0.3.1-sigstore', SIGSTORE],
    ['v1.0.0-sigstore', SIGSTORE],
    ['v1.1.0-sigstore', SIGSTORE],
  ];
  it.each(cases)('%s verifies (exit 0)', (vector, trust, model) => {
    const result = verify(vector, trust, [], model);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('verified');
  });

  it.each([
    ['v1.0.1-elliptic-key', KEY],
    ['v1.0.1-certificate', CHAIN],
    ['v1.0.1-sigstore', SIGSTORE],
  ] as const)('%s fails on ignore-me (exit 1) and verifies with --ignore-paths ignore-me', (vector, trust) => {
    const failing = verify(vector, [...trust]);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('extra:    ignore-me');
    expect(verify(vector, [...trust], ['--ignore-paths', 'ignore-me']).status).toBe(0);
  });

  it('rejects a wrong identity, a wrong issuer and a wrong kind of trust with exit 1', () => {
    expect(verify('v1.1.0-sigstore', SIGSTORE.map((a) => (a === 'stefanb@us.ibm.com' ? 'mallory@us.ibm.com' : a))).status).toBe(1);
    expect(verify('v1.1.0-sigstore', SIGSTORE.map((a) => (a.endsWith('/oauth2') ? 'https://github.com/login/oauth' : a))).status).toBe(1);
    expect(verify('v1.1.0-sigstore', KEY).status).toBe(1);
  });

  it('refuses a corrupted bundle with exit 2 and a message naming it', () => {
    const bundle = join(dir, 'corrupt.sig');
    writeFileSync(bundle, readFileSync(join(VECTORS, 'v1.1.0-elliptic-key/model.sig'), 'utf8').replace('"dsseEnvelope"', '"envelope"'));
    const result = runCli(['model', 'verify', join(VECTORS, 'v1.1.0-elliptic-key'), '--signature', bundle, ...KEY]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('corrupt.sig: not a model signature bundle');
  });
});

describe('aigis model sign with keys made by the real openssl', () => {
  it.each(['prime256v1', 'secp384r1'])('%s: sign, verify, then reject a tampered file, an added file and a wrong key', (curve) => {
    const model = join(dir, `model-${curve}`);
    mkdirSync(join(model, 'shards'), { recursive: true });
    writeFileSync(join(model, 'config.json'), '{"model_type": "bert"}');
    writeFileSync(join(model, 'shards/a.safetensors'), Buffer.alloc(100_000, 1));
    const key = join(dir, `${curve}.pem`);
    const pub = join(dir, `${curve}.pub.pem`);
    execFileSync('openssl', ['ecparam', '-name', curve, '-genkey', '-noout', '-out', key]);
    execFileSync('openssl', ['ec', '-in', key, '-pubout', '-out', pub], { stdio: 'ignore' });
    const signature = join(dir, `${curve}.sig`);

    const signed = runCli(['model', 'sign', model, '--key', key, '--signature', signature]);
    expect(signed.status).toBe(0);
    expect(signed.stderr).toContain('signed 2 files');
    expect(runCli(['model', 'verify', model, '--signature', signature, '--key', pub]).status).toBe(0);
    expect(execFileSync('python3', ['-c', PYTHON_CHECK, signature, pub, model], { encoding: 'utf8' })).toBe('ok 2\n');

    const copy = join(dir, `copy-${curve}`);
    cpSync(model, copy, { recursive: true });
    writeFileSync(join(copy, 'shards/a.safetensors'), Buffer.alloc(100_000, 2));
    writeFileSync(join(copy, 'extra.py'), 'import os');
    const tampered = runCli(['model', 'verify', copy, '--signature', signature, '--key', pub]);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toContain('modified: shards/a.safetensors');
    expect(tampered.stdout).toContain('extra:    extra.py');

    const otherKey = join(dir, `other-${curve}.pem`);
    execFileSync('openssl', ['ecparam', '-name', curve, '-genkey', '-noout', '-out', otherKey]);
    execFileSync('openssl', ['ec', '-in', otherKey, '-pubout', '-out', `${otherKey}.pub`], { stdio: 'ignore' });
    const wrongKey = runCli(['model', 'verify', model, '--signature', signature, '--key', `${otherKey}.pub`]);
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.stdout).toContain('signed by another key');
  });

  it('leaves nothing behind when signing fails', () => {
    const result = runCli(['model', 'sign', join(dir, 'no-such-model'), '--key', join(dir, 'secp384r1.pem'), '--signature', join(dir, 'never.sig')]);
    expect(result.status).toBe(2);
    expect(() => readFileSync(join(dir, 'never.sig'))).toThrow();
  });
});
