import { execFileSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAnchors } from './certificate-chain.js';
import { loadTrustRoot } from './sigstore-keyless.js';
import { verifyModel, type TrustedSigner } from './verify.js';

const VECTORS = join(import.meta.dirname, '../../../test/fixtures/model-signing');
const read = (path: string) => readFileSync(join(VECTORS, path), 'utf8');
const KEY: TrustedSigner = { kind: 'key', key: createPublicKey(read('keys/signing-key-pub.pem')), shown: 'signing-key-pub.pem' };
const CHAIN: TrustedSigner = { kind: 'certificate-chain', anchors: readAnchors(read('keys/ca-cert.pem'), 'ca-cert.pem'), at: new Date('2025-06-01T00:00:00Z') };
const trust = loadTrustRoot(read('sigstore-public-good-trusted_root.json'), 'trusted_root.json');
const IDENTITY = { identity: 'stefanb@us.ibm.com', issuer: 'https://sigstore.verify.ibm.com/oauth2' };
const SIGSTORE: TrustedSigner = { kind: 'sigstore', trust, expected: IDENTITY };

function verifyVector(vector: string, signer: TrustedSigner, options: { model?: string; ignorePaths?: string[]; root?: string } = {}) {
  const root = options.root ?? VECTORS;
  return verifyModel({
    modelPath: join(root, vector, options.model ?? ''),
    bundleText: readFileSync(join(root, vector, 'model.sig'), 'utf8'),
    bundleShown: `${vector}/model.sig`,
    signer,
    ignorePaths: ['model.sig', ...(options.ignorePaths ?? [])],
  });
}

describe('model_signing interop vectors', () => {
  it.each(['v0.2.0', 'v0.3.1', 'v1.0.0', 'v1.1.0'])('%s-certificate verifies against ca-cert.pem', async (version) => {
    const result = await verifyVector(`${version}-certificate`, CHAIN);
    expect(result).toMatchObject({ verified: true, difference: { modified: [], missing: [], extra: [] } });
    expect(result.signer).toContain('intermediate-ca');
  });

  it.each(['v0.3.1', 'v1.0.0'])('%s-elliptic-key verifies the single-file model signme-1', async (version) => {
    expect(await verifyVector(`${version}-elliptic-key`, KEY, { model: 'signme-1' })).toMatchObject({ verified: true, files: 1 });
  });

  it.each(['v0.3.1', 'v1.0.0', 'v1.1.0'])('%s-sigstore verifies offline against the public-good trust root', async (version) => {
    const result = await verifyVector(`${version}-sigstore`, SIGSTORE);
    expect(result).toMatchObject({ verified: true, signer: expect.stringContaining('stefanb@us.ibm.com') });
  });

  it('v1.1.0 vectors record ignore-me in the predicate and verify without --ignore-paths', async () => {
    expect((await verifyVector('v1.1.0-elliptic-key', KEY)).verified).toBe(true);
    expect((await verifyVector('v1.1.0-certificate', CHAIN)).verified).toBe(true);
  });

  it.each([
    ['v1.0.1-elliptic-key', KEY],
    ['v1.0.1-certificate', CHAIN],
    ['v1.0.1-sigstore', SIGSTORE],
  ] as const)('%s fails on the extra file ignore-me until it is ignored', async (vector, signer) => {
    const failing = await verifyVector(vector, signer);
    expect(failing).toMatchObject({ verified: false, difference: { extra: ['ignore-me'], modified: [], missing: [] } });
    expect((await verifyVector(vector, signer, { ignorePaths: ['ignore-me'] })).verified).toBe(true);
  });
});

describe('rejections', () => {
  let copy: string;
  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'aigis-oms-vectors-'));
    cpSync(VECTORS, copy, { recursive: true });
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('reports a tampered file as modified and a deleted one as missing', async () => {
    writeFileSync(join(copy, 'v1.0.0-certificate/signme-2'), 'tampered');
    rmSync(join(copy, 'v1.0.0-certificate/signme-1'));
    const result = await verifyVector('v1.0.0-certificate', CHAIN, { root: copy });
    expect(result).toMatchObject({ verified: false, difference: { modified: ['signme-2'], missing: ['signme-1'], extra: [] } });
  });

  it('rejects a wrong key, naming the hint mismatch', async () => {
    const other: TrustedSigner = { kind: 'key', key: generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey, shown: 'other.pem' };
    expect(await verifyVector('v1.1.0-elliptic-key', other)).toMatchObject({ verified: false, reason: expect.stringContaining('signed by another key') });
    expect(await verifyVector('v1.0.0-elliptic-key', other, { model: 'signme-1' })).toMatchObject({ verified: false, reason: expect.stringContaining('does not verify') });
  });

  it('rejects a certificate bundle whose chain does not reach the anchor', async () => {
    // A CA made here by the real openssl: same subject names would not help an attacker either.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(copy, 'ca.key'), '-out', join(copy, 'ca.pem'), '-subj', '/CN=root-ca', '-days', '30', '-addext', 'basicConstraints=critical,CA:TRUE'], { stdio: 'ignore' });
    const wrongAnchor: TrustedSigner = { kind: 'certificate-chain', anchors: readAnchors(readFileSync(join(copy, 'ca.pem'), 'utf8'), 'ca.pem'), at: new Date() };
    const result = await verifyVector('v1.0.0-certificate', wrongAnchor);
    expect(result).toMatchObject({ verified: false, reason: expect.stringContaining('trusted anchor') });
  });

  it('accepts the intermediate CA as the anchor too', async () => {
    const intermediate: TrustedSigner = { kind: 'certificate-chain', anchors: readAnchors(read('keys/int-ca-cert.pem'), 'int'), at: new Date('2025-06-01T00:00:00Z') };
    expect((await verifyVector('v1.1.0-certificate', intermediate)).verified).toBe(true);
  });

  it('rejects a certificate bundle outside the validity of its certificates', async () => {
    const late: TrustedSigner = { kind: 'certificate-chain', anchors: readAnchors(read('keys/ca-cert.pem'), 'ca'), at: new Date('2040-01-01T00:00:00Z') };
    expect((await verifyVector('v1.0.0-certificate', late)).reason).toMatch(/not valid at/);
  });

  it('rejects a Sigstore bundle for another identity or another issuer', async () => {
    const wrongIdentity = await verifyVector('v1.0.0-sigstore', { kind: 'sigstore', trust, expected: { ...IDENTITY, identity: 'stefanb@us.ibm.co' } });
    expect(wrongIdentity.verified).toBe(false);
    const wrongIssuer = await verifyVector('v1.0.0-sigstore', { kind: 'sigstore', trust, expected: { ...IDENTITY, issuer: 'https://accounts.google.com' } });
    expect(wrongIssuer.verified).toBe(false);
  });

  it('rejects a bundle checked with the wrong kind of trust', async () => {
    expect((await verifyVector('v1.0.0-sigstore', KEY)).reason).toMatch(/not a public key/);
    expect((await verifyVector('v1.0.0-elliptic-key', CHAIN, { model: 'signme-1' })).reason).toMatch(/not a certificate chain/);
  });

  it('rejects a payload changed after signing', async () => {
    const bundle = JSON.parse(read('v1.1.0-elliptic-key/model.sig')) as { dsseEnvelope: { payload: string } };
    const statement = Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8').replace('"ignore-me"', '"signme-2"');
    bundle.dsseEnvelope.payload = Buffer.from(statement).toString('base64');
    writeFileSync(join(copy, 'v1.1.0-elliptic-key/model.sig'), JSON.stringify(bundle));
    expect(await verifyVector('v1.1.0-elliptic-key', KEY, { root: copy })).toMatchObject({ verified: false, reason: expect.stringContaining('does not verify') });
  });
});
