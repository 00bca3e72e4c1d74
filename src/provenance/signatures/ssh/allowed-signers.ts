import { equalBytes } from '../byte-reader.js';
import { unusable } from '../errors.js';
import { matchPatternList } from './patterns.js';
import { parseSshPublicKeyText, SSH_KEY_TYPES, type SshPublicKey } from './public-key.js';

export interface AllowedSigner {
  line: number;
  principals: string;
  certAuthority: boolean;
  namespaces?: string;
  validAfter?: Date;
  validBefore?: Date;
  key: SshPublicKey;
}

const MAX_BYTES = 1024 * 1024;

/** Splits off one token; double quotes group, whitespace ends it outside quotes. */
function takeToken(text: string, file: string, line: number): [string, string] {
  let i = 0;
  let quoted = false;
  while (i < text.length && (quoted || !/\s/.test(text[i]!))) {
    if (text[i] === '"') quoted = !quoted;
    i += 1;
  }
  if (quoted) throw unusable(file, `line ${line}: unterminated quote`);
  return [text.slice(0, i), text.slice(i).trimStart()];
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** OpenSSH timestamps: YYYYMMDD[HHMM[SS]][Z]; without Z the local time zone, as ssh-keygen reads them. */
export function parseSshTimestamp(value: string, file: string, line: number): Date {
  const match = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(Z?)$/.exec(value);
  if (match === null) throw unusable(file, `line ${line}: timestamp "${value}" is not YYYYMMDD[HHMM[SS]][Z]`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const date = match[7] === 'Z' ? new Date(Date.UTC(year, month - 1, day, hour, minute, second)) : new Date(year, month - 1, day, hour, minute, second);
  const check = match[7] === 'Z' ? [date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes()] : [date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes()];
  if (check[0] !== month || check[1] !== day || check[2] !== hour || check[3] !== minute || second > 59) {
    throw unusable(file, `line ${line}: timestamp "${value}" is not a real date and time`);
  }
  return date;
}

function applyOptions(entry: AllowedSigner, options: string, file: string): void {
  let rest = options;
  while (rest.length > 0) {
    const match = /^([A-Za-z-]+)(?:="([^"]*)")?(?:,|$)/.exec(rest);
    if (match === null) throw unusable(file, `line ${entry.line}: cannot read options "${options.slice(0, 80)}"`);
    rest = rest.slice(match[0].length);
    const [, name, value] = match;
    if (name === 'cert-authority' && value === undefined) entry.certAuthority = true;
    else if (name === 'namespaces' && value !== undefined) entry.namespaces = value;
    else if (name === 'valid-after' && value !== undefined) entry.validAfter = parseSshTimestamp(value, file, entry.line);
    else if (name === 'valid-before' && value !== undefined) entry.validBefore = parseSshTimestamp(value, file, entry.line);
    else throw unusable(file, `line ${entry.line}: unknown or malformed option "${name}"`);
  }
}

/** Parses an OpenSSH allowed_signers file (ssh-keygen(1), ALLOWED SIGNERS). */
export function parseAllowedSigners(bytes: Uint8Array, file: string): AllowedSigner[] {
  if (bytes.length > MAX_BYTES) throw unusable(file, 'allowed_signers file is larger than 1 MiB');
  const entries: AllowedSigner[] = [];
  Buffer.from(bytes)
    .toString('utf8')
    .split('\n')
    .forEach((rawLine, index) => {
      const line = index + 1;
      const text = rawLine.replace(/\r$/, '').trim();
      if (text === '' || text.startsWith('#')) return;
      const [principalToken, afterPrincipals] = takeToken(text, file, line);
      const principals = unquote(principalToken);
      if (principals === '') throw unusable(file, `line ${line}: no principals`);
      let rest = afterPrincipals;
      const entry = { line, principals, certAuthority: false } as AllowedSigner;
      const [next] = takeToken(rest, file, line);
      if (!SSH_KEY_TYPES.includes(next) && !next.endsWith('@openssh.com')) {
        const [options, afterOptions] = takeToken(rest, file, line);
        applyOptions(entry, options, file);
        rest = afterOptions;
      }
      const [type, afterType] = takeToken(rest, file, line);
      const [base64] = takeToken(afterType, file, line);
      if (type === '' || base64 === '') throw unusable(file, `line ${line}: expected "principals [options] keytype base64-key"`);
      try {
        entry.key = parseSshPublicKeyText(type, base64, file);
      } catch (error) {
        throw unusable(file, `line ${line}: ${(error as Error).message.replace(`${file}: `, '')}`, error);
      }
      entries.push(entry);
    });
  return entries;
}

export type SignerDecision = { allowed: true; entry: AllowedSigner } | { allowed: false; reason: string };

/** ssh-keygen -Y verify's rule: some line must name the identity, hold the key, allow the namespace and the time. */
export function checkAllowedSigner(entries: readonly AllowedSigner[], identity: string, key: SshPublicKey, namespace: string, now: Date): SignerDecision {
  let reason = `no allowed_signers line for identity "${identity}" holds the signing key`;
  for (const entry of entries) {
    if (!matchPatternList(identity, entry.principals)) continue;
    if (entry.certAuthority) continue;
    if (!equalBytes(entry.key.blob, key.blob)) continue;
    if (entry.namespaces !== undefined && !matchPatternList(namespace, entry.namespaces)) {
      reason = `allowed_signers line ${entry.line} does not allow namespace "${namespace}" (namespaces="${entry.namespaces}")`;
      continue;
    }
    if (entry.validAfter !== undefined && now < entry.validAfter) {
      reason = `allowed_signers line ${entry.line}: key not valid until ${entry.validAfter.toISOString()}`;
      continue;
    }
    if (entry.validBefore !== undefined && now > entry.validBefore) {
      reason = `allowed_signers line ${entry.line}: key expired at ${entry.validBefore.toISOString()}`;
      continue;
    }
    return { allowed: true, entry };
  }
  return { allowed: false, reason };
}
