import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AigisError } from '../../core/errors.js';
import type { CommandIo } from './deps-hash.js';
import { MODEL_SIGN_HELP, runModelSign } from './model-sign.js';
import { runModelVerify } from './model-verify.js';

let dir: string;
function capture(): CommandIo & { out: string; err: string } {
  const io = { out: '', err: '', cwd: dir, stdout: { write: (t: string) => (io.out += t) }, stderr: { write: (t: string) => (io.err += t) } };
  return io;
}
const errorCode = (promise: Promise<unknown>) => promise.then(() => 'none', (e: unknown) => (e instanceof AigisError ? e.code : String(e)));

function makeModel(name: string): string {
  const model = join(dir, name);
  mkdirSync(join(model, 'weights'), { recursive: true });
  mkdirSync(join(model, '.git'), { recursive: true });
  writeFileSync(join(model, 'config.json'), '{"architectures": ["Bert"]}');
  writeFileSync(join(model, 'weights/model-00001.safetensors'), Buffer.alloc(20_000, 7));
  writeFileSync(join(model, '.git/HEAD'), 'ref: refs/heads/main\n');
  return model;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-model-sign-'));
  for (const curve of ['prime256v1', 'secp384r1']) {
    execFileSync('openssl', ['ecparam', '-name', curve, '-genkey', '-out', join(dir, `${curve}.pem`)]);
    execFileSync('openssl', ['ec', '-in', join(dir, `${curve}.pem`), '-pubout', '-out', join(dir, `${curve}.pub.pem`)], { stdio: 'ignore' });
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('aigis model sign', () => {
  it.each(['prime256v1', 'secp384r1'])('signs with an openssl %s key and verifies with its public key', async (curve) => {
    makeModel(`m-${curve}`);
    const io = capture();
    expect(await runModelSign([`m-${curve}`, '--key', `${curve}.pem`, '--signature', `${curve}.sig`], io)).toBe(0);
    expect(io.err).toContain('signed 2 files');
    const bundle = JSON.parse(readFileSync(join(dir, `${curve}.sig`), 'utf8'));
    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(bundle.verificationMaterial).toEqual({ publicKey: { hint: expect.stringMatching(/^[0-9a-f]{64}$/) }, tlogEntries: [] });
    expect(bundle.dsseEnvelope.payloadType).toBe('application/vnd.in-toto+json');
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    expect(statement.predicate.resources.map((r: { name: string }) => r.name)).toEqual(['config.json', 'weights/model-00001.safetensors']);
    expect(statement.predicate.serialization).toEqual({ method: 'files', hash_type: 'sha256', allow_symlinks: false, ignore_paths: ['.git', '.gitattributes', '.github', '.gitignore'] });
    expect(await runModelVerify([`m-${curve}`, '--signature', `${curve}.sig`, '--key', `${curve}.pub.pem`], capture())).toBe(0);
    const other = curve === 'prime256v1' ? 'secp384r1' : 'prime256v1';
    expect(await runModelVerify([`m-${curve}`, '--signature', `${curve}.sig`, '--key', `${other}.pub.pem`], capture())).toBe(1);
    writeFileSync(join(dir, `m-${curve}`, 'config.json'), '{"architectures": ["Evil"]}');
    const tampered = capture();
    expect(await runModelVerify([`m-${curve}`, '--signature', `${curve}.sig`, '--key', `${curve}.pub.pem`], tampered)).toBe(1);
    expect(tampered.out).toContain('modified: config.json');
  });

  it('writes model.sig inside the model by default when run there, and leaves it out of the manifest', async () => {
    const model = makeModel('inside');
    const io = { ...capture(), cwd: model };
    expect(await runModelSign(['.', '--key', join(dir, 'secp384r1.pem'), '--ignore-paths', 'config.json'], io)).toBe(0);
    const statement = JSON.parse(Buffer.from(JSON.parse(readFileSync(join(model, 'model.sig'), 'utf8')).dsseEnvelope.payload, 'base64').toString('utf8'));
    expect(statement.predicate.resources.map((r: { name: string }) => r.name)).toEqual(['weights/model-00001.safetensors']);
    expect(statement.predicate.serialization.ignore_paths).toEqual(['.git', '.gitattributes', '.github', '.gitignore', 'config.json', 'model.sig']);
    expect(await runModelVerify(['.', '--key', join(dir, 'secp384r1.pub.pem')], { ...capture(), cwd: model })).toBe(0);
  });

  it('signs by shards with --shard-size and verifies them', async () => {
    makeModel('sharded');
    expect(await runModelSign(['sharded', '--key', 'secp384r1.pem', '-s', 'sharded.sig', '--shard-size', '8192', '-q'], capture())).toBe(0);
    const statement = JSON.parse(Buffer.from(JSON.parse(readFileSync(join(dir, 'sharded.sig'), 'utf8')).dsseEnvelope.payload, 'base64').toString('utf8'));
    expect(statement.predicate.serialization).toMatchObject({ method: 'shards', shard_size: 8192 });
    expect(statement.predicate.resources.map((r: { name: string }) => r.name)).toEqual([
      'config.json:0:27',
      'weights/model-00001.safetensors:0:8192',
      'weights/model-00001.safetensors:8192:16384',
      'weights/model-00001.safetensors:16384:20000',
    ]);
    expect(await runModelVerify(['sharded', '-s', 'sharded.sig', '--key', 'secp384r1.pub.pem'], capture())).toBe(0);
  });

  it('signs a single file as the resource "."', async () => {
    writeFileSync(join(dir, 'one.bin'), 'weights');
    expect(await runModelSign(['one.bin', '--key', 'prime256v1.pem', '-s', 'one.sig', '-q'], capture())).toBe(0);
    const statement = JSON.parse(Buffer.from(JSON.parse(readFileSync(join(dir, 'one.sig'), 'utf8')).dsseEnvelope.payload, 'base64').toString('utf8'));
    expect(statement.subject[0].name).toBe('one.bin');
    expect(statement.predicate.resources.map((r: { name: string }) => r.name)).toEqual(['.']);
    expect(await runModelVerify(['one.bin', '-s', 'one.sig', '--key', 'prime256v1.pub.pem', '-q'], capture())).toBe(0);
  });

  it('refuses bad usage and unusable keys with coded errors, writing nothing', async () => {
    makeModel('bad');
    expect(await errorCode(runModelSign(['bad'], capture()))).toBe('USAGE');
    expect(await errorCode(runModelSign(['bad', '--key', 'secp384r1.pem', '--shard-size', '0'], capture()))).toBe('USAGE');
    expect(await errorCode(runModelSign(['nope', '--key', 'secp384r1.pem'], capture()))).toBe('PATH_NOT_FOUND');
    expect(await errorCode(runModelSign(['bad', '--key', 'secp384r1.pub.pem', '-s', 'bad.sig'], capture()))).toBe('SIGNATURE_INVALID');
    execFileSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', join(dir, 'ed.pem')]);
    expect(await errorCode(runModelSign(['bad', '--key', 'ed.pem', '-s', 'bad.sig'], capture()))).toBe('SIGNATURE_INVALID');
    execFileSync('openssl', ['pkey', '-in', join(dir, 'secp384r1.pem'), '-aes256', '-passout', 'pass:x', '-out', join(dir, 'enc.pem')]);
    expect(await errorCode(runModelSign(['bad', '--key', 'enc.pem', '-s', 'bad.sig'], capture()))).toBe('SIGNATURE_INVALID');
    expect(existsSync(join(dir, 'bad.sig'))).toBe(false);
  });

  it('prints its help', async () => {
    const io = capture();
    expect(await runModelSign(['--help'], io)).toBe(0);
    expect(io.out).toBe(`${MODEL_SIGN_HELP}\n`);
  });
});
