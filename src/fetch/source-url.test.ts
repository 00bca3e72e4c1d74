import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FetchError } from './errors.js';
import { formatSource, parseSource } from './source-url.js';

function reason(text: string): string | undefined {
  try {
    parseSource(text);
    return undefined;
  } catch (error) {
    return error instanceof FetchError ? error.reason : `threw ${String(error)}`;
  }
}

describe('parseSource', () => {
  it('reads hub models and datasets with and without a revision', () => {
    expect(parseSource('hf://acme/bert-base')).toEqual({ scheme: 'hf', repoType: 'model', repo: 'acme/bert-base' });
    expect(parseSource('hf://datasets/acme/squad@v1.0')).toEqual({ scheme: 'hf', repoType: 'dataset', repo: 'acme/squad', revision: 'v1.0' });
    expect(parseSource('hf://acme/m@refs/pr/1')).toMatchObject({ revision: 'refs/pr/1' });
    expect(formatSource(parseSource('hf://models/acme/m@main'))).toBe('hf://acme/m@main');
  });

  it('normalizes https URLs: lowercase host, escapes upper-cased, query kept', () => {
    expect(parseSource('https://Example.COM/a/b%7ec.bin?x=1')).toEqual({
      scheme: 'https', host: 'example.com', path: '/a/b%7Ec.bin', query: '?x=1', href: 'https://example.com/a/b%7Ec.bin?x=1',
    });
    expect(parseSource('https://cdn.example.com:8443/f')).toMatchObject({ host: 'cdn.example.com', port: 8443 });
  });

  it.each([
    ['ftp://example.com/f', 'unsupported scheme'],
    ['file:///etc/passwd', 'file scheme'],
    ['HF://acme/m', 'upper-case scheme'],
    ['https://user:pw@example.com/f', 'user info'],
    ['https://example.com@evil.com/f', 'user info trick'],
    ['https://example.com/a/../b', 'dot-dot segment'],
    ['https://example.com/a/./b', 'dot segment'],
    ['https://example.com/a/%2e%2e/b', 'encoded dot-dot'],
    ['https://example.com/a/%2E%2e/b', 'mixed-case encoded dot-dot'],
    ['https://example.com/a%2fb', 'encoded slash'],
    ['https://example.com/a%5cb', 'encoded backslash'],
    ['https://example.com/a%00b', 'encoded NUL'],
    ['https://example.com/a%252e%252e/b', 'double encoding'],
    ['https://example.com/a%zz', 'broken escape'],
    ['https://example.com/a\\b', 'backslash'],
    ['https://example.com\\@evil.com/', 'backslash authority'],
    ['https://example.com/a\u0000b', 'NUL'],
    ['https://example.com//a', 'double slash'],
    ['https://example.com/a//b', 'inner double slash'],
    ['https://example.com/a b', 'space'],
    ['https://exämple.com/', 'non-ASCII host'],
    ['https://example.com:0/', 'port zero'],
    ['https://example.com:065/', 'leading zero port'],
    ['https://example.com:99999/', 'port out of range'],
    ['https://example.com:/', 'empty port'],
    ['https://[::1]/', 'IPv6 literal'],
    ['https://0x7f000001/', 'hex IP'],
    ['https://127.1/', 'short IP'],
    ['https://256.0.0.1/', 'bad IPv4'],
    ['https://-evil.com/', 'label starts with a hyphen'],
    ['https://evil..com/', 'empty label'],
    ['https://example.com./', 'trailing dot'],
    ['https://example.com/f#frag', 'fragment'],
    ['https:///f', 'empty host'],
    ['hf://acme', 'no repo'],
    ['hf://acme/m/extra', 'three parts'],
    ['hf://../m', 'dot-dot org'],
    ['hf://acme/..', 'dot-dot name'],
    ['hf://acme/m@../main', 'dot-dot revision'],
    ['hf://acme/m@', 'empty revision'],
    ['hf://acme/m@a//b', 'double slash revision'],
    ['hf://acme/m%2fx', 'percent in hub source'],
    ['hf://acme/-m', 'name starting with hyphen'],
    ['hf://ac--me/m', 'double hyphen'],
    ['hf://datasets/acme', 'dataset without name'],
    ['', 'empty'],
  ])('refuses %s (%s)', (text) => {
    expect(reason(text)).toBe('bad-source');
  });

  it('never throws anything but a bad-source FetchError, and what it accepts is clean', () => {
    const alphabet = fc.constantFrom(...'aZ09-._~/%2eEfF5cC@:?#\\ \u0000hfts'.split(''), 'https://', 'hf://', '..', '%2e', '%2f', '//', 'datasets/');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join('')), (text) => {
        let source;
        try {
          source = parseSource(text);
        } catch (error) {
          expect(error).toBeInstanceOf(FetchError);
          expect((error as FetchError).reason).toBe('bad-source');
          return;
        }
        const shown = formatSource(source);
        expect(shown).not.toMatch(/\\|\u0000|#|\s/);
        if (source.scheme !== 'hf') {
          expect(source.path.split('/').slice(1, -1)).not.toContain('');
          expect(source.path.split('/')).not.toContain('..');
          expect(source.path.toLowerCase()).not.toMatch(/%2e|%2f|%5c|%00|%25/);
          expect(source.host).not.toContain('@');
        }
        expect(formatSource(parseSource(shown))).toBe(shown);
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips generated valid hub sources', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,10}[A-Za-z0-9]$/).filter((n) => !n.includes('--'));
    fc.assert(
      fc.property(fc.boolean(), name, name, fc.option(fc.stringMatching(/^[a-z0-9]{1,8}(\/[a-z0-9]{1,8}){0,2}$/), { nil: undefined }), (dataset, org, repo, revision) => {
        const text = `hf://${dataset ? 'datasets/' : ''}${org}/${repo}${revision === undefined ? '' : `@${revision}`}`;
        expect(formatSource(parseSource(text))).toBe(text);
      }),
    );
  });
});
