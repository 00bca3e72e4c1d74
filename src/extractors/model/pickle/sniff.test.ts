import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytes } from './__fixtures__/assemble.js';
import { isTorchLegacyMagic, looksLikePickle } from './sniff.js';

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url))).subarray(0, 65536);
}

const text = (value: string) => new TextEncoder().encode(value);

describe('looksLikePickle', () => {
  it.each([
    'plain_p0.pkl',
    'plain_p1.pkl',
    'plain_p2.pkl',
    'plain_p5.pkl',
    'sklearn_logreg.joblib',
    'dill_lambda.pkl',
    'peer/malicious1_v0.pkl',
    'peer/malicious10.pkl',
    'peer/benign0_v0.pkl',
    'peer/memo_attack.pkl',
  ])('accepts %s', (name) => {
    expect(looksLikePickle(fixture(name))).toBe(true);
  });

  it('accepts protocol-0 heads cut before STOP that import something or parse for a while', () => {
    expect(looksLikePickle(text('cos\nsystem\n(S\'ls'))).toBe(true);
    expect(looksLikePickle(text('(dp0\nS\'a\'\np1\nI1\nsS\'b'))).toBe(true);
  });

  it.each([
    ['a zip', 'peer/malicious1.zip'],
    ['a .npy', 'peer/int_array.npy'],
    ['a non-pickle', 'peer/not_a_pickle.bin'],
  ])('rejects %s', (_what, name) => {
    expect(looksLikePickle(fixture(name))).toBe(false);
  });

  it.each([
    '',
    '{"model": "bert", "layers": 12}',
    '[1, 2, 3]',
    'a,b,c\n1,2,3\n',
    '1,2,3\n',
    '# README\n\nSome text.',
    'Hello world\n',
    'import os\nprint(os.name)\n',
    'class Model:\n    pass\n',
    'def f():\n    return 1\n',
    'Lorem ipsum dolor sit amet\n',
    'I am a text file\n',
    'N',
    '(\n',
    '<?xml version="1.0"?>',
    'version: 2\n',
  ])('rejects text %j', (value) => {
    expect(looksLikePickle(text(value))).toBe(false);
  });

  it('rejects a PROTO byte with an unknown protocol or no opcode after it', () => {
    expect(looksLikePickle(bytes(0x80, 6, '}.'))).toBe(false);
    expect(looksLikePickle(bytes(0x80, 2))).toBe(false);
    expect(looksLikePickle(bytes(0x80, 2, 0xff))).toBe(false);
    expect(looksLikePickle(bytes(0x80, 2, '}'))).toBe(true);
  });
});

describe('isTorchLegacyMagic', () => {
  it('recognises a legacy torch.save file', () => {
    expect(isTorchLegacyMagic(fixture('torch_legacy.pt'))).toBe(true);
  });

  it('recognises the magic number pickled with protocol 4 framing', () => {
    const magic = [0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];
    expect(isTorchLegacyMagic(bytes(0x80, 4, 0x95, 13, 0, 0, 0, 0, 0, 0, 0, magic, '.'))).toBe(true);
  });

  it('does not claim other pickles, including a fake magic that hides a payload', () => {
    expect(isTorchLegacyMagic(fixture('plain_p2.pkl'))).toBe(false);
    expect(isTorchLegacyMagic(fixture('peer/pytorch_magic_bypass.pt'))).toBe(false);
    expect(isTorchLegacyMagic(new Uint8Array(0))).toBe(false);
  });
});
