/**
 * PEP 440 versions: parsing with the specification's normalization rules (case, separators, spelling
 * alternatives, implicit numbers, leading zeros). Numbers are bigints so that no segment is ever rounded.
 */

export type PreLabel = 'a' | 'b' | 'rc';
export type LocalSegment = bigint | string;

export interface Pep440Version {
  epoch: bigint;
  release: bigint[];
  pre?: { label: PreLabel; number: bigint };
  post?: bigint;
  dev?: bigint;
  /** Lowercase segments; numeric ones as bigints. */
  local?: LocalSegment[];
  /** The input as given (trimmed). */
  raw: string;
}

export type Pep440Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** Longest version string parsed; longer input is rejected rather than scanned. */
export const MAX_VERSION_LENGTH = 256;

const VERSION_PATTERN =
  'v?(?:([0-9]+)!)?([0-9]+(?:\\.[0-9]+)*)' +
  '(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?' +
  '(?:-([0-9]+)|[-_.]?(post|rev|r)[-_.]?([0-9]+)?)?' +
  '(?:[-_.]?(dev)[-_.]?([0-9]+)?)?' +
  '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?';

const VERSION_RE = new RegExp(`^\\s*${VERSION_PATTERN}\\s*$`, 'i');

const PRE_LABELS: Record<string, PreLabel> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' };

function parseLocal(text: string): LocalSegment[] {
  return text
    .toLowerCase()
    .split(/[-_.]/)
    .map((segment) => (/^[0-9]+$/.test(segment) ? BigInt(segment) : segment));
}

/** Parses a PEP 440 version; never throws. */
export function parseVersion(input: string): Pep440Result<Pep440Version> {
  if (typeof input !== 'string') return { ok: false, error: 'version is not a string' };
  if (input.length > MAX_VERSION_LENGTH) return { ok: false, error: `version longer than ${MAX_VERSION_LENGTH} characters` };
  const match = VERSION_RE.exec(input);
  if (!match) return { ok: false, error: `not a PEP 440 version: ${JSON.stringify(input.slice(0, 80))}` };
  const [, epoch, release, preLabel, preNumber, postImplicit, postLabel, postNumber, devLabel, devNumber, local] = match;
  const version: Pep440Version = {
    epoch: epoch === undefined ? 0n : BigInt(epoch),
    release: (release ?? '0').split('.').map((part) => BigInt(part)),
    raw: input.trim(),
  };
  if (preLabel !== undefined) version.pre = { label: PRE_LABELS[preLabel.toLowerCase()] ?? 'rc', number: BigInt(preNumber ?? '0') };
  if (postImplicit !== undefined) version.post = BigInt(postImplicit);
  else if (postLabel !== undefined) version.post = BigInt(postNumber ?? '0');
  if (devLabel !== undefined) version.dev = BigInt(devNumber ?? '0');
  if (local !== undefined) version.local = parseLocal(local);
  return { ok: true, value: version };
}

/** The public part (everything before `+`), normalized. */
export function formatPublic(version: Pep440Version): string {
  let text = version.epoch === 0n ? '' : `${version.epoch}!`;
  text += version.release.join('.');
  if (version.pre) text += `${version.pre.label}${version.pre.number}`;
  if (version.post !== undefined) text += `.post${version.post}`;
  if (version.dev !== undefined) text += `.dev${version.dev}`;
  return text;
}

/** The canonical PEP 440 spelling (`1.0-ALPHA.1` becomes `1.0a1`, `1.0+ubuntu-1` becomes `1.0+ubuntu.1`). */
export function formatVersion(version: Pep440Version): string {
  const local = version.local ? `+${version.local.map(String).join('.')}` : '';
  return formatPublic(version) + local;
}

/** Normalizes a version string; the result parses to an equal version and normalizes to itself. */
export function normalizeVersion(input: string): Pep440Result<string> {
  const parsed = parseVersion(input);
  return parsed.ok ? { ok: true, value: formatVersion(parsed.value) } : parsed;
}

export function isPrerelease(version: Pep440Version): boolean {
  return version.pre !== undefined || version.dev !== undefined;
}

export function isPostrelease(version: Pep440Version): boolean {
  return version.post !== undefined;
}

/** The version without its local label. */
export function publicVersion(version: Pep440Version): Pep440Version {
  const { local: _local, ...rest } = version;
  return rest;
}

/** Epoch and release only (`1!2.0rc1.post2+x` becomes `1!2.0`). */
export function baseVersion(version: Pep440Version): Pep440Version {
  return { epoch: version.epoch, release: version.release, raw: version.raw };
}
