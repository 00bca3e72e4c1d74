import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKeyring, publisherKeys } from './keyring.js';

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aigis-keyring-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('[keyring] in the policy', () => {
  it('reads publishers from aigis.toml and [tool.aigis] in pyproject.toml, key paths relative to the file', () => {
    const dir = folderWith({ 'aigis.toml': '[[keyring.publishers]]\nname = "acme"\nkeys = ["acme.pub"]\ninline = ["ssh-ed25519 AAAA x"]\n', 'acme.pub': 'KEY' });
    const keys = publisherKeys(loadKeyring(undefined, dir), 'acme');
    expect(keys.map((k) => Buffer.from(k.bytes).toString())).toEqual(['KEY', 'ssh-ed25519 AAAA x\n']);
    const py = folderWith({ 'pyproject.toml': '[[tool.aigis.keyring.publishers]]\nname = "py"\ninline = ["k"]\n' });
    expect(loadKeyring(undefined, py)?.publishers.map((p) => p.name)).toEqual(['py']);
    expect(loadKeyring(undefined, folderWith({}))).toBeUndefined();
  });

  it('refuses publishers without keys, duplicate names and missing key files, naming the file', () => {
    const noKeys = folderWith({ 'aigis.toml': '[[keyring.publishers]]\nname = "acme"\n' });
    expect(() => loadKeyring(undefined, noKeys)).toThrow(/aigis\.toml: keyring\.publishers\[0\]: a publisher needs at least one key/);
    const twice = folderWith({ 'aigis.toml': '[[keyring.publishers]]\nname = "a"\ninline = ["k"]\n[[keyring.publishers]]\nname = "a"\ninline = ["k"]\n' });
    expect(() => loadKeyring(undefined, twice)).toThrow(/publisher names must be unique/);
    const missing = folderWith({ 'aigis.toml': '[[keyring.publishers]]\nname = "a"\nkeys = ["gone.pub"]\n' });
    expect(() => publisherKeys(loadKeyring(undefined, missing), 'a')).toThrow(/aigis\.toml: keyring publisher "a": key file gone\.pub not found/);
  });
});
