import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasSecret, redactText, redactUrl, urlSecrets } from './redact.js';

describe('redaction', () => {
  it.each([
    ['https://user:pass@host/simple/', 'https://user:***@host/simple/'],
    ['https://pypi-AgEIcHlwaS5vcmcCJGE@host/simple/', 'https://***@host/simple/'],
    ['https://host/simple/?api_key=abc&page=2', 'https://host/simple/?api_key=***&page=2'],
    ['https://host/simple/', 'https://host/simple/'],
    ['https://u:p@ss@host/simple/', 'https://u:***@host/simple/'],
    ['git+https://tok:x-oauth-basic@github.com/o/r.git@main', 'git+https://tok:***@github.com/o/r.git@main'],
  ])('redacts %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('redacts every URL inside a requirement line', () => {
    expect(redactText('foo @ https://a:b@h/x.whl ; python_version>"3" --hash=sha256:00')).toBe('foo @ https://a:***@h/x.whl ; python_version>"3" --hash=sha256:00');
  });

  it('classifies what a URL carries', () => {
    expect(urlSecrets('https://u:p@h/')).toEqual({ userinfo: 'password', secretParams: [] });
    expect(urlSecrets('https://git@h/')).toEqual({ userinfo: 'user-only', secretParams: [] });
    expect(hasSecret('https://${USER}:${TOKEN}@h/')).toBe(false);
  });

  it('never lets a generated password through', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{8,40}$/), fc.stringMatching(/^[A-Za-z0-9!$%*+@-]{8,40}$/), (user, password) => {
        const url = `https://${user}:${password}@pypi.example.com/simple/`;
        expect(hasSecret(url)).toBe(true);
        expect(redactUrl(url)).not.toContain(`:${password}@`);
        expect(redactText(`-i ${url}`)).toBe(`-i https://${user}:***@pypi.example.com/simple/`);
      }),
    );
  });
});
