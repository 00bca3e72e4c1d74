import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEntities, parseSimpleHtml } from './html.js';

const BASE = 'https://index.example/simple/demo/';
const SHA = 'a'.repeat(64);

describe('parseSimpleHtml', () => {
  it('reads a PEP 503 page as pip does: text as file name, hash fragment, data attributes', () => {
    const page = `<!DOCTYPE html><html><body>
      <A HREF="../../files/demo-1.0.tar.gz#sha256=${SHA.toUpperCase()}" data-requires-python="&gt;=3.8">demo-1.0.tar.gz</A><br>
      <a data-yanked href='https://cdn.example/demo-1.1-py3-none-any.whl#md5=${'b'.repeat(32)}'>demo-1.1-py3-none-any.whl</a>
      <a href=demo-1.2.zip data-yanked="bad &amp; broken">  <span>demo-1.2.zip</span> </a>
      <abbr>not an anchor</abbr><a name="anchor-without-href">x</a>
    </body></html>`;
    expect(parseSimpleHtml(page, BASE)).toEqual([
      { filename: 'demo-1.0.tar.gz', url: 'https://index.example/files/demo-1.0.tar.gz', hashes: [{ alg: 'sha256', value: SHA }], requiresPython: '>=3.8', yanked: false },
      { filename: 'demo-1.1-py3-none-any.whl', url: 'https://cdn.example/demo-1.1-py3-none-any.whl', hashes: [{ alg: 'md5', value: 'b'.repeat(32) }], yanked: true },
      { filename: 'demo-1.2.zip', url: 'https://index.example/simple/demo/demo-1.2.zip', hashes: [], yanked: true },
    ]);
  });

  it('falls back to the URL for the file name and skips unusable hrefs', () => {
    const page = '<a href="/f/demo%2B1-2.0.tar.gz"></a><a href="">x</a><a href="http://[bad">y</a><a href="#sha256=zz">z</a>';
    const files = parseSimpleHtml(page, BASE);
    expect(files.map((f) => f.filename)).toEqual(['demo+1-2.0.tar.gz', 'z']);
    expect(files[1]!.hashes).toEqual([]);
  });

  it('survives unterminated tags and anchors', () => {
    expect(parseSimpleHtml('<a href="x.whl">x.whl', BASE)).toHaveLength(1);
    expect(parseSimpleHtml('<a href="x.whl"', BASE)).toEqual([]);
  });

  it('decodes numeric and named entities and leaves unknown ones', () => {
    expect(decodeEntities('&lt;&#62;&#x3D;&amp;&bogus;&#0;')).toBe('<>=&&bogus;&#0;');
  });

  it('never throws on arbitrary input and finds every generated anchor', () => {
    fc.assert(fc.property(fc.string({ maxLength: 500 }), (html) => void parseSimpleHtml(html, BASE)));
    const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}-\d\.\d\.tar\.gz$/);
    fc.assert(
      fc.property(fc.array(name, { maxLength: 20 }), fc.string({ maxLength: 30 }).map((s) => s.replace(/[<>]/g, '')), (names, noise) => {
        const page = names.map((n) => `${noise}<a href="../${n}#sha256=${SHA}">${n}</a>`).join('\n');
        const files = parseSimpleHtml(page, BASE);
        expect(files.map((f) => f.filename)).toEqual(names);
        expect(files.every((f) => f.hashes[0]?.value === SHA)).toBe(true);
      }),
    );
  });
});
