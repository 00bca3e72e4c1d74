import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AigisError } from '../../core/errors.js';
import { parseEcdsaDer } from './der.js';
import { parseKeyFile, signedBytes, verifyDetachedSignature } from './index.js';
import { parseMinisign } from './minisign.js';
import { dearmor } from './openpgp/armor.js';
import { parseOpenPgpKeys } from './openpgp/keys.js';
import { parseOpenPgpSignatures } from './openpgp/verify.js';
import { parseSignify } from './signify.js';
import { parseAllowedSigners } from './ssh/allowed-signers.js';
import { parseSshSignature } from './ssh/sshsig.js';

const corpus = join(import.meta.dirname, '../../../test/fixtures/detached-sigs');
const bytesOf = (name: string) => new Uint8Array(readFileSync(join(corpus, name)));

/** Only a coded AigisError may escape a parser of untrusted bytes. */
function onlyCodedErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AigisError);
    expect((error as AigisError).code).toBe('SIGNATURE_INVALID');
    expect((error as AigisError).message).toMatch(/^fuzz: /);
  }
}

/** A few random edits: flips, truncation, insertion of a random run. */
function mutated(original: Uint8Array): fc.Arbitrary<Uint8Array> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), value: fc.constant(0) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let bytes = Array.from(original);
    for (const { kind, at, value } of edits) {
      const index = bytes.length === 0 ? 0 : at % bytes.length;
      if (kind === 'set') bytes[index] = value;
      else if (kind === 'cut') bytes = bytes.slice(0, index);
      else bytes.splice(index, 0, value, value ^ 0xff, 0xff, 0);
    }
    return Uint8Array.from(bytes);
  });
}

/** Mutates the base64 payload of a text format, so the structure behind the armor is what gets fuzzed. */
function mutatedInside(text: string, wrap: (payload: Uint8Array) => string, payloadOf: (text: string) => Uint8Array): fc.Arbitrary<Uint8Array> {
  return mutated(payloadOf(text)).map((payload) => new Uint8Array(Buffer.from(wrap(payload))));
}

const sshText = Buffer.from(bytesOf('data.txt.sshsig')).toString('utf8');
const sshPayload = (text: string) => new Uint8Array(Buffer.from(text.split('\n').slice(1, -2).join(''), 'base64'));
const sshWrap = (payload: Uint8Array) => `-----BEGIN SSH SIGNATURE-----\n${Buffer.from(payload).toString('base64')}\n-----END SSH SIGNATURE-----\n`;
const minisignText = Buffer.from(bytesOf('data.txt.minisig')).toString('utf8');
const minisignLines = minisignText.split('\n');
const minisignWrap = (payload: Uint8Array) => [minisignLines[0], Buffer.from(payload).toString('base64'), minisignLines[2], minisignLines[3], ''].join('\n');
const signifyLines = Buffer.from(bytesOf('data.txt.sig')).toString('utf8').split('\n');
const signifyWrap = (payload: Uint8Array) => `${signifyLines[0]}\n${Buffer.from(payload).toString('base64')}\n`;
const pgpSignature = new Uint8Array(readFileSync(join(corpus, 'data.txt.gpgsig')));
const pgpKey = dearmor(bytesOf('gpg_pub.asc'), 'PUBLIC KEY BLOCK', 'gpg_pub.asc');
const der = bytesOf('data.txt.openssl-ecdsa-sha256.sig');

const RUNS = { numRuns: 400 };
const named = (bytes: Uint8Array) => ({ name: 'fuzz', bytes });

describe('every signature parser throws only coded errors on hostile input', () => {
  it('minisign', () => {
    fc.assert(fc.property(fc.oneof(mutated(bytesOf('data.txt.minisig')), mutatedInside(minisignText, minisignWrap, (t) => new Uint8Array(Buffer.from(t.split('\n')[1]!, 'base64')))), (bytes) => onlyCodedErrors(() => parseMinisign(named(bytes)))), RUNS);
  });

  it('signify', () => {
    fc.assert(fc.property(mutatedInside(signifyLines.join('\n'), signifyWrap, () => new Uint8Array(Buffer.from(signifyLines[1]!, 'base64'))), (bytes) => onlyCodedErrors(() => parseSignify(named(bytes)))), RUNS);
  });

  it('SSHSIG (armor and blob)', () => {
    fc.assert(fc.property(fc.oneof(mutated(bytesOf('data.txt.sshsig')), mutatedInside(sshText, sshWrap, sshPayload)), (bytes) => onlyCodedErrors(() => parseSshSignature(named(bytes)))), RUNS);
  });

  it('OpenPGP signature packets, binary and armored', () => {
    fc.assert(fc.property(fc.oneof(mutated(pgpSignature), mutated(bytesOf('data.txt.asc')), fc.uint8Array({ maxLength: 300 })), (bytes) => onlyCodedErrors(() => parseOpenPgpSignatures(named(bytes)))), RUNS);
  });

  it('OpenPGP key blocks, binary and armored', () => {
    fc.assert(fc.property(fc.oneof(mutated(pgpKey), mutated(bytesOf('gpg_pub.asc'))), (bytes) => onlyCodedErrors(() => parseOpenPgpKeys(bytes, 'fuzz'))), RUNS);
  });

  it('DER ECDSA signatures', () => {
    fc.assert(fc.property(fc.oneof(mutated(der), fc.uint8Array({ maxLength: 120 })), (bytes) => onlyCodedErrors(() => parseEcdsaDer(bytes, 'fuzz'))), RUNS);
  });

  it('allowed_signers files', () => {
    const line = Buffer.from(bytesOf('allowed_signers')).toString('utf8').trim();
    const lines = fc.constantFrom(line, `*@x,!y namespaces="file,git",valid-after="20240101" ${line.split(' ').slice(1).join(' ')}`, `"a b" cert-authority ${line.split(' ').slice(1).join(' ')}`);
    fc.assert(fc.property(fc.oneof(lines.chain((l) => mutated(new Uint8Array(Buffer.from(l)))), fc.string().map((s) => new Uint8Array(Buffer.from(s)))), (bytes) => onlyCodedErrors(() => parseAllowedSigners(bytes, 'fuzz'))), RUNS);
  });

  it('key files of every kind', () => {
    const keys = ['minisign.pub', 'signify-test.pub', 'ssh_ed25519.pub', 'gpg_pub.asc', 'openssl_p256_pub.pem', 'openssl_ed25519_pub.pem'].map(bytesOf);
    fc.assert(fc.property(fc.constantFrom(...keys).chain(mutated), (bytes) => onlyCodedErrors(() => parseKeyFile(named(bytes)))), RUNS);
  });

  it('the whole verifier: a verdict or a coded error, never a crash', () => {
    const keys = ['minisign.pub', 'signify-test.pub', 'ssh_ed25519.pub', 'gpg_pub.asc', 'openssl_p256_pub.pem', 'openssl_ed25519_pub.pem'].flatMap((name) => parseKeyFile({ name, bytes: bytesOf(name) }));
    const signatures = ['data.txt.minisig', 'data.txt.sig', 'data.txt.sshsig', 'data.txt.asc', 'data.txt.gpgsig', 'data.txt.openssl-ecdsa-sha256.sig', 'data.txt.openssl-ed25519.sig'].map(bytesOf);
    const data = signedBytes('data.txt', bytesOf('data.txt'));
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...signatures).chain(mutated), fc.uint8Array({ maxLength: 200 })), (bytes) =>
        onlyCodedErrors(() => {
          const outcome = verifyDetachedSignature({ data, signature: named(bytes), keys, ssh: { namespace: 'file' }, now: new Date() });
          expect(typeof outcome.verified).toBe('boolean');
        }),
      ),
      RUNS,
    );
  });
});
