import { FetchError } from './errors.js';
import { formatSource, parseSource, type FetchSource, type RepoType } from './source-url.js';

/** One entry of `[fetch] trusted`: a hub organisation or repository, or a URL prefix. */
export type TrustRule =
  | { scheme: 'hf'; repoType: RepoType; org: string; name: string | '*' }
  | { scheme: 'https' | 'http'; host: string; port?: number; prefix: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost']);

/**
 * Parses a trusted-source pattern: `hf://org/*`, `hf://org/repo`, `hf://datasets/org/*`, or a URL prefix
 * `https://host/prefix/`. Plain http is accepted only for loopback hosts (test servers, local mirrors).
 */
export function parseTrustRule(pattern: string): TrustRule {
  if (pattern.startsWith('hf://')) {
    const wildcard = pattern.endsWith('/*');
    const source = parseSource(wildcard ? `${pattern.slice(0, -2)}/wildcard` : pattern);
    if (source.scheme !== 'hf' || source.revision !== undefined) throw new FetchError('bad-source', `trusted source ${JSON.stringify(pattern)}: name ORG/* or ORG/REPO, without a revision`);
    const [org, name] = source.repo.split('/') as [string, string];
    return { scheme: 'hf', repoType: source.repoType, org, name: wildcard ? '*' : name };
  }
  const source = parseSource(pattern);
  if (source.scheme === 'hf') throw new FetchError('bad-source', `trusted source ${JSON.stringify(pattern)}: not a URL prefix`);
  if (source.query !== '') throw new FetchError('bad-source', `trusted source ${JSON.stringify(pattern)}: a prefix cannot have a query`);
  if (source.scheme === 'http' && !LOOPBACK.has(source.host)) throw new FetchError('bad-source', `trusted source ${JSON.stringify(pattern)}: plain http is only allowed for loopback hosts`);
  return { scheme: source.scheme, host: source.host, ...(source.port === undefined ? {} : { port: source.port }), prefix: source.path };
}

/** The rule that trusts `source`, or undefined. Hub names compare case-insensitively, as the hub does. */
export function trustingRule(source: FetchSource, rules: readonly TrustRule[]): TrustRule | undefined {
  return rules.find((rule) => matches(rule, source));
}

export function requireTrusted(source: FetchSource, rules: readonly TrustRule[]): void {
  if (trustingRule(source, rules) === undefined) {
    const hint = rules.length === 0 ? 'the policy trusts no source; add it to [fetch] trusted in aigis.toml' : 'it matches no entry of [fetch] trusted';
    throw new FetchError('untrusted', `${formatSource(source)} is not a trusted source: ${hint}`);
  }
}

function matches(rule: TrustRule, source: FetchSource): boolean {
  if (rule.scheme === 'hf') {
    if (source.scheme !== 'hf' || source.repoType !== rule.repoType) return false;
    const [org, name] = source.repo.toLowerCase().split('/') as [string, string];
    return org === rule.org.toLowerCase() && (rule.name === '*' || name === rule.name.toLowerCase());
  }
  if (source.scheme !== rule.scheme || source.host !== rule.host || source.port !== rule.port) return false;
  if (rule.prefix.endsWith('/')) return source.path.startsWith(rule.prefix);
  return source.path === rule.prefix;
}
