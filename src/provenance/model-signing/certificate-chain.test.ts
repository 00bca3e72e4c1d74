import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_MEDIA_TYPE, IN_TOTO_PAYLOAD_TYPE } from './bundle.js';
import { readAnchors } from './certificate-chain.js';
import { preAuthEncoding } from './dsse.js';
import { serializeModel } from './serialize.js';
import { buildStatement } from './statement.js';
import { verifyModel } from './verify.js';

let dir: string;
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });

/** A CA and a P-256 leaf made by the real openssl, the leaf with the given key usage extensions. */
function issueLeaf(name: string, extensions: string): void {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '30', '-extfile', `${name}.ext`, '-out', `${name}.pem`);
}

/** A certificate-method bundle as model_signing writes it, signed with the leaf's key. */
async function certificateBundle(name: string): Promise<string> {
  const manifest = await serializeModel(join(dir, 'model'), { method: 'files', hashType: 'sha256', allowSymlinks: false });
  const payload = Buffer.from(JSON.stringify(buildStatement(manifest)));
  const signature = sign('sha256', preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, payload), createPrivateKey(readFileSync(join(dir, `${name}.key`))));
  const der = readAnchors(readFileSync(join(dir, `${name}.pem`), 'utf8'), name)[0]!.raw;
  return JSON.stringify({
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: { x509CertificateChain: { certificates: [{ rawBytes: der.toString('base64') }] }, tlogEntries: [] },
    dsseEnvelope: { payload: payload.toString('base64'), payloadType: IN_TOTO_PAYLOAD_TYPE, signatures: [{ sig: signature.toString('base64') }] },
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-oms-chain-'));
  execFileSync('mkdir', [join(dir, 'model')]);
  writeFileSync(join(dir, 'model/weights.bin'), 'weights');
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=test-ca', '-days', '30', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  issueLeaf('good', 'keyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n');
  issueLeaf('encipher', 'keyUsage=critical,keyEncipherment\n');
  issueLeaf('tls', 'keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n');
  issueLeaf('leaf-ca', 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n');
  openssl('x509', '-req', '-in', 'good.csr', '-CA', 'leaf-ca.pem', '-CAkey', 'leaf-ca.key', '-CAcreateserial', '-days', '30', '-out', 'under-leaf.pem');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function verifyWith(name: string, anchor = 'ca.pem') {
  const anchors = readAnchors(readFileSync(join(dir, anchor), 'utf8'), anchor);
  return verifyModel({ modelPath: join(dir, 'model'), bundleText: await certificateBundle(name), bundleShown: `${name}.sig`, signer: { kind: 'certificate-chain', anchors, at: new Date() } });
}

describe('certificate chains made by openssl', () => {
  it('accepts a code-signing leaf issued by the anchor', async () => {
    expect(await verifyWith('good')).toMatchObject({ verified: true, signer: expect.stringContaining('CN=good') });
  });

  it('rejects a leaf without digitalSignature, or for another extended key usage', async () => {
    expect((await verifyWith('encipher')).reason).toMatch(/digitalSignature/);
    expect((await verifyWith('tls')).reason).toMatch(/code signing/);
  });

  it('rejects a chain whose issuer is not a CA', async () => {
    execFileSync('cp', [join(dir, 'under-leaf.pem'), join(dir, 'fake.pem')]);
    execFileSync('cp', [join(dir, 'good.key'), join(dir, 'fake.key')]);
    // OpenSSL's issuer check already refuses an issuer whose key usage lacks keyCertSign.
    expect(await verifyWith('fake', 'leaf-ca.pem')).toMatchObject({ verified: false, reason: expect.stringMatching(/not a CA|does not lead to a trusted anchor/) });
  });
});
