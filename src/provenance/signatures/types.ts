import type { KeyObject } from 'node:crypto';
import type { OpenPgpKey } from './openpgp/keys.js';
import type { SignedData } from './signed-data.js';

export type SignatureFormat = 'minisign' | 'signify' | 'ssh' | 'openpgp' | 'ed25519' | 'ecdsa' | 'rsa-pkcs1' | 'rsa-pss';

/** A file read by the caller: its name (for messages) and its bytes. */
export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** A trusted key, parsed from a key file; never from the signed material. */
export type TrustedKey =
  | { kind: 'keynum'; source: string; keyNumber: Uint8Array; publicKey: Uint8Array }
  | { kind: 'ssh'; source: string; blob: Uint8Array }
  | { kind: 'openpgp'; source: string; keys: OpenPgpKey[] }
  | { kind: 'spki'; source: string; key: KeyObject };

export interface SshOptions {
  allowedSigners?: NamedBytes;
  identity?: string;
  namespace?: string;
}

export interface VerifyRequest {
  /** The signed file, read in pieces (see signedFile / signedBytes). */
  data: SignedData;
  signature: NamedBytes;
  keys: TrustedKey[];
  ssh?: SshOptions;
  /** The time expiry is judged at; the caller passes the clock. */
  now: Date;
}

export interface VerifyOutcome {
  verified: boolean;
  format: SignatureFormat;
  /** Why it was rejected (only when verified is false). */
  reason?: string;
  keyId?: string;
  fingerprint?: string;
  /** Who signed: the matching principal, OpenPGP user ID, or key file. */
  signer?: string;
  /** Minisign's trusted comment (signed). */
  comment?: string;
  algorithm?: string;
  created?: string;
  warnings: string[];
}

export function rejected(format: SignatureFormat, reason: string, extra: Partial<VerifyOutcome> = {}): VerifyOutcome {
  return { warnings: [], ...extra, verified: false, format, reason };
}
