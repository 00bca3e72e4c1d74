import type { IndexFile } from '../../core/sources.js';
import { toHashes } from './hashes.js';

/** Anchors read from one page before the rest is ignored. */
const MAX_ANCHORS = 500_000;
/** Characters of one tag scanned for its end. */
const MAX_TAG = 64 * 1024;

/**
 * Reads the files of a PEP 503 project page: each `<a href>` with its text as file name, a `#<alg>=<hex>`
 * fragment as hash, `data-requires-python` and `data-yanked`. A tolerant scan, not a DOM: quoted or unquoted
 * attributes, any case, entities decoded, malformed tags skipped. URLs resolve against `base` (the page URL).
 */
export function parseSimpleHtml(html: string, base: string): IndexFile[] {
  const files: IndexFile[] = [];
  const lower = html.toLowerCase();
  let at = 0;
  while (files.length < MAX_ANCHORS) {
    const open = findAnchor(lower, at);
    if (open < 0) break;
    const close = html.indexOf('>', open);
    if (close < 0 || close - open > MAX_TAG) break;
    const attributes = parseAttributes(html.slice(open + 2, close));
    const end = lower.indexOf('</a', close);
    const text = decodeEntities(html.slice(close + 1, end < 0 ? html.length : end).replace(/<[^>]*>/g, '')).trim();
    at = end < 0 ? close + 1 : end + 3;
    const file = toFile(attributes, text, base);
    if (file) files.push(file);
  }
  return files;
}

function findAnchor(lower: string, from: number): number {
  let at = lower.indexOf('<a', from);
  while (at >= 0 && !/[\s>/]/.test(lower[at + 2] ?? '')) at = lower.indexOf('<a', at + 2);
  return at;
}

function toFile(attributes: Map<string, string>, text: string, base: string): IndexFile | undefined {
  const href = attributes.get('href');
  if (href === undefined || href === '') return undefined;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  const fragment = url.hash.slice(1);
  url.hash = '';
  const digest = /^([A-Za-z0-9_-]{2,32})=([0-9a-fA-F]{16,256})$/.exec(fragment);
  const filename = text || decodeURIComponent(url.pathname.split('/').pop() ?? '');
  if (!filename) return undefined;
  const requiresPython = attributes.get('data-requires-python');
  return {
    filename,
    url: url.href,
    hashes: digest ? toHashes({ [digest[1]!]: digest[2]! }) : [],
    ...(requiresPython ? { requiresPython } : {}),
    yanked: attributes.has('data-yanked'),
  };
}

/** Attributes of one tag body (after `<a`); names lower-cased, values entity-decoded. */
export function parseAttributes(body: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of body.matchAll(pattern)) {
    const name = m[1]!.toLowerCase();
    if (!attributes.has(name)) attributes.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attributes;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[entity.toLowerCase()] ?? whole;
  });
}
