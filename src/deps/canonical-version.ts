/**
 * PEP 440 version normalization, enough to decide whether a file's version is the pinned one: `1.0`, `1.0.0`,
 * `v1.0` and `1.0.0.0` name one release, `1.0rc1` and `1.0-RC.1` another. Versions that are not PEP 440 compare
 * as written (case-insensitive), the way pip's legacy versions did.
 */
const PEP440 =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/;

const PRE: Record<string, string> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' };

export function canonicalVersion(version: string): string {
  const text = version.trim().toLowerCase();
  const m = PEP440.exec(text);
  if (!m) return text;
  const [, epoch, release = '', pre, preN, postImplicit, post, postN, dev, devN, local] = m;
  const parts = release.split('.').map((part) => String(Number(part)));
  while (parts.length > 1 && parts[parts.length - 1] === '0') parts.pop();
  let out = epoch !== undefined && Number(epoch) !== 0 ? `${Number(epoch)}!` : '';
  out += parts.join('.');
  if (pre !== undefined) out += `${PRE[pre] ?? pre}${Number(preN ?? 0)}`;
  if (postImplicit !== undefined) out += `.post${Number(postImplicit)}`;
  else if (post !== undefined) out += `.post${Number(postN ?? 0)}`;
  if (dev !== undefined) out += `.dev${Number(devN ?? 0)}`;
  if (local !== undefined) out += `+${local.replace(/[-_]/g, '.').split('.').map((p) => (/^\d+$/.test(p) ? String(Number(p)) : p)).join('.')}`;
  return out;
}

/**
 * True when `fileVersion` satisfies the pin: `===` compares the strings; `==` compares PEP 440 versions and,
 * as PEP 440 says, ignores the file's local label (`+cu118`) when the pin has none, since pip would install it.
 */
export function sameRelease(pinned: string, fileVersion: string, arbitrary = false): boolean {
  if (arbitrary) return pinned.trim().toLowerCase() === fileVersion.trim().toLowerCase();
  const want = canonicalVersion(pinned);
  const have = canonicalVersion(fileVersion);
  return want === have || (!want.includes('+') && have.split('+')[0] === want);
}
