import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AigisError } from '../../core/errors.js';
import { parseBundle } from './bundle.js';
import { preAuthEncoding, pythonBytesRepr } from './dsse.js';
import { buildStatement, parseStatement } from './statement.js';
import { verifyModel } from './verify.js';

const VECTORS = join(import.meta.dirname, '../../../test/fixtures/model-signing');
const KEY_BUNDLE = readFileSync(join(VECTORS, 'v1.1.0-elliptic-key/model.sig'), 'utf8');
const KEY = createPublicKey(readFileSync(join(VECTORS, 'keys/signing-key-pub.pem')));

/** Runs `action`; anything thrown must be an AigisError with a code. */
async function onlyCodedErrors(action: () => unknown): Promise<void> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(AigisError);
    expect((error as AigisError).code).toMatch(/^[A-Z_]+$/);
  }
}

describe('DSSE encodings', () => {
  it('builds the PAE of the DSSE specification', () => {
    expect(preAuthEncoding('http://example.com/HelloWorld', Buffer.from('hello world')).toString()).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it("renders Python's bytes repr, as model_signing 0.2 signed it", () => {
    expect(pythonBytesRepr(Buffer.from('{\n  "a": \'b\\\\\'\t\u0001}'))).toBe('b\'{\\n  "a": \\\'b\\\\\\\\\\\'\\t\\x01}\'');
    expect(pythonBytesRepr(Buffer.from("it's"))).toBe('b"it\'s"');
  });
});

describe('bundle and statement parsers on hostile input', () => {
  it('never throw anything but a coded error on random JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const text = JSON.stringify(value);
        await onlyCodedErrors(() => parseBundle(text, 'random.sig'));
        await onlyCodedErrors(() => parseStatement(Buffer.from(text), 'random.sig'));
      }),
      { numRuns: 300 },
    );
  });

  it('never throw anything but a coded error on mutated real bundles, and never verify them', async () => {
    const original = JSON.parse(KEY_BUNDLE) as Record<string, unknown>;
    const paths = ['mediaType', 'verificationMaterial', 'verificationMaterial.publicKey', 'dsseEnvelope', 'dsseEnvelope.payload', 'dsseEnvelope.payloadType', 'dsseEnvelope.signatures', 'dsseEnvelope.signatures.0.sig'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue(), async (path, replacement) => {
        const bundle = structuredClone(original);
        const keys = path.split('.');
        let target = bundle as Record<string, unknown>;
        for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
        if (JSON.stringify(target[keys.at(-1)!]) === JSON.stringify(replacement)) return;
        target[keys.at(-1)!] = replacement;
        await onlyCodedErrors(async () => {
          const result = await verifyModel({ modelPath: join(VECTORS, 'v1.1.0-elliptic-key'), bundleText: JSON.stringify(bundle), bundleShown: 'x.sig', signer: { kind: 'key', key: KEY, shown: 'key' }, ignorePaths: ['model.sig'] });
          if (path !== 'verificationMaterial.publicKey' && path !== 'verificationMaterial') expect(result.verified).toBe(false);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('never throw anything but a coded error on byte-mutated bundles', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(KEY_BUNDLE.length - 1), fc.integer({ min: 0, max: 255 }), async (at, byte) => {
        const text = KEY_BUNDLE.slice(0, at) + String.fromCharCode(byte) + KEY_BUNDLE.slice(at + 1);
        await onlyCodedErrors(() => parseBundle(text, 'x.sig'));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects statements with hostile resource names, inconsistent roots and duplicates', () => {
    const manifest = { modelName: 'm', serialization: { method: 'files', hashType: 'sha256', allowSymlinks: false } as const, items: [{ path: 'a', digest: '00'.repeat(32) }] };
    const statement = buildStatement(manifest) as { subject: { digest: { sha256: string } }[]; predicate: { resources: { name: string }[] } };
    expect(parseStatement(Buffer.from(JSON.stringify(statement)), 's').items).toEqual(manifest.items);
    for (const name of ['../etc/passwd', '/abs', 'a/../../b']) {
      const hostile = structuredClone(statement);
      hostile.predicate.resources[0]!.name = name;
      expect(() => parseStatement(Buffer.from(JSON.stringify(hostile)), 's')).toThrow(AigisError);
    }
    const wrongRoot = structuredClone(statement);
    wrongRoot.subject[0]!.digest.sha256 = 'ff'.repeat(32);
    expect(() => parseStatement(Buffer.from(JSON.stringify(wrongRoot)), 's')).toThrow(/subject digest/);
    const twice = buildStatement({ ...manifest, items: [...manifest.items, ...manifest.items] });
    expect(() => parseStatement(Buffer.from(JSON.stringify(twice)), 's')).toThrow(/listed twice/);
  });
});
