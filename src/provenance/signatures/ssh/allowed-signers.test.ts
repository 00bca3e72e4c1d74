import { describe, expect, it } from 'vitest';
import { AigisError } from '../../../core/errors.js';
import { checkAllowedSigner, parseAllowedSigners, parseSshTimestamp } from './allowed-signers.js';
import { matchPattern, matchPatternList } from './patterns.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0kM+Z46na9SQsXeNrFa15GbM0TwaWHSeb8J8wIORFu';

describe('OpenSSH patterns', () => {
  it.each([
    ['a@b', 'a@b', true], ['a@b', '*', true], ['a@b', '*@b', true], ['a@b', '?@b', true], ['ab@b', '?@b', false],
    ['a@b', 'a@c', false], ['a@b.c', '*.c', true], ['', '*', true], ['x', '', false], ['aXbXc', 'a*b*c', true], ['aXbXd', 'a*b*c', false],
  ] as const)('%s against %s: %s', (text, pattern, expected) => {
    expect(matchPattern(text, pattern)).toBe(expected);
  });

  it('a matching negation refuses even when a positive pattern matches', () => {
    expect(matchPatternList('ci@acme', '*@acme,!ci@acme')).toBe(false);
    expect(matchPatternList('dev@acme', '*@acme,!ci@acme')).toBe(true);
    expect(matchPatternList('dev@acme', '!ci@acme')).toBe(false);
  });
});

describe('allowed_signers', () => {
  it('reads timestamps as UTC with Z and local time without', () => {
    expect(parseSshTimestamp('20240131Z', 'f', 1).toISOString()).toBe('2024-01-31T00:00:00.000Z');
    expect(parseSshTimestamp('202401311230Z', 'f', 1).toISOString()).toBe('2024-01-31T12:30:00.000Z');
    expect(parseSshTimestamp('20240131123059Z', 'f', 1).toISOString()).toBe('2024-01-31T12:30:59.000Z');
    expect(parseSshTimestamp('20240131', 'f', 1).getTime()).toBe(new Date(2024, 0, 31).getTime());
    for (const bad of ['2024013', '20240231', '20241301Z', '202401311260', '2024-01-31']) expect(() => parseSshTimestamp(bad, 'f', 1)).toThrow(AigisError);
  });

  it('parses options and decides by identity, namespace and time', () => {
    const text = `# comment\n\nci@acme namespaces="file",valid-after="20240101Z",valid-before="20250101Z" ${KEY} laptop\n`;
    const entries = parseAllowedSigners(new TextEncoder().encode(text), 'signers');
    expect(entries).toHaveLength(1);
    const key = entries[0]!.key;
    const inside = new Date('2024-06-01T00:00:00Z');
    expect(checkAllowedSigner(entries, 'ci@acme', key, 'file', inside).allowed).toBe(true);
    expect(checkAllowedSigner(entries, 'ci@acme', key, 'git', inside)).toMatchObject({ allowed: false, reason: expect.stringMatching(/namespace "git"/) });
    expect(checkAllowedSigner(entries, 'ci@acme', key, 'file', new Date('2023-06-01T00:00:00Z'))).toMatchObject({ allowed: false, reason: expect.stringMatching(/not valid until/) });
    expect(checkAllowedSigner(entries, 'ci@acme', key, 'file', new Date('2025-06-01T00:00:00Z'))).toMatchObject({ allowed: false, reason: expect.stringMatching(/expired/) });
    expect(checkAllowedSigner(entries, 'other@acme', key, 'file', inside).allowed).toBe(false);
  });

  it('refuses unknown options and broken keys with the file and line', () => {
    expect(() => parseAllowedSigners(new TextEncoder().encode(`ci@acme no-touch-required ${KEY}\n`), 'signers')).toThrow(/signers: line 1: unknown or malformed option "no-touch-required"/);
    expect(() => parseAllowedSigners(new TextEncoder().encode(`ci@acme ssh-ed25519 AAAA\n`), 'signers')).toThrow(/signers: line 1:/);
    expect(() => parseAllowedSigners(new TextEncoder().encode(`"ci@acme ${KEY}\n`), 'signers')).toThrow(/unterminated quote/);
  });
});
