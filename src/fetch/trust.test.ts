import { describe, expect, it } from 'vitest';
import { FetchError } from './errors.js';
import { parseSource } from './source-url.js';
import { parseTrustRule, requireTrusted, trustingRule } from './trust.js';

const rules = ['hf://acme/*', 'hf://other/only-this', 'hf://datasets/acme/*', 'https://files.example.com/models/', 'http://127.0.0.1:8080/mirror/'].map(parseTrustRule);
const trusted = (text: string) => trustingRule(parseSource(text), rules) !== undefined;

describe('trusted sources', () => {
  it('trusts hub organisations, single repositories and URL prefixes', () => {
    expect(trusted('hf://acme/anything@main')).toBe(true);
    expect(trusted('hf://ACME/Anything')).toBe(true);
    expect(trusted('hf://other/only-this')).toBe(true);
    expect(trusted('hf://datasets/acme/squad')).toBe(true);
    expect(trusted('https://files.example.com/models/a.bin')).toBe(true);
    expect(trusted('http://127.0.0.1:8080/mirror/x.bin')).toBe(true);
  });

  it('refuses look-alikes', () => {
    expect(trusted('hf://other/only-this-too')).toBe(false);
    expect(trusted('hf://acme-evil/m')).toBe(false);
    expect(trusted('hf://datasets/other/only-this')).toBe(false);
    expect(trusted('hf://evil/acme')).toBe(false);
    expect(trusted('https://files.example.com/models-evil/a.bin')).toBe(false);
    expect(trusted('https://files.example.com.evil.com/models/a.bin')).toBe(false);
    expect(trusted('https://files.example.com:444/models/a.bin')).toBe(false);
    expect(trusted('http://files.example.com/models/a.bin')).toBe(false);
    expect(trusted('http://127.0.0.1:8081/mirror/x.bin')).toBe(false);
  });

  it('says why a source is not trusted', () => {
    expect(() => requireTrusted(parseSource('hf://evil/m'), [])).toThrow(/trusts no source/);
    try {
      requireTrusted(parseSource('hf://evil/m'), rules);
    } catch (error) {
      expect((error as FetchError).reason).toBe('untrusted');
    }
  });

  it('refuses broad or unsafe patterns', () => {
    for (const pattern of ['hf://*', 'hf://acme/m@main', 'http://example.com/', 'https://example.com/?q=1', 'ftp://x/']) {
      expect(() => parseTrustRule(pattern), pattern).toThrow(FetchError);
    }
  });
});
