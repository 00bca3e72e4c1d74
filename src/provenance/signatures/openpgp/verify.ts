import { equalBytes } from '../byte-reader.js';
import { unusable } from '../errors.js';
import { rejected, type NamedBytes, type TrustedKey, type VerifyOutcome } from '../types.js';
import { armorType, dearmor } from './armor.js';
import type { Hash } from 'node:crypto';
import { hashData, type SignedData } from '../signed-data.js';
import { textChunks, type TextCanonicalisation } from './canonical-text.js';
import { finishSignatureDigest, HASHES, signatureMatches } from './check.js';
import type { OpenPgpKey } from './keys.js';
import { readPackets, TAG } from './packets.js';
import { parseSignaturePacket, type SignaturePacket } from './signature-packet.js';

const WEAK_HASHES: Record<number, string> = { 1: 'MD5', 2: 'SHA-1', 3: 'RIPEMD-160' };
const KEY_ALGORITHMS: Record<number, number[]> = { 1: [1, 3], 22: [22], 27: [27] };
const ALGORITHM_NAMES: Record<number, string> = { 1: 'RSA', 22: 'EdDSA (Ed25519)', 27: 'Ed25519' };

export function looksOpenPgpSignature(bytes: Uint8Array): boolean {
  if (armorType(bytes) === 'SIGNATURE') return true;
  const first = bytes[0];
  return first === 0x88 || first === 0x89 || first === 0x8a || first === 0xc2;
}

/** Reads every signature packet of an armored or binary detached signature. */
export function parseOpenPgpSignatures(signature: NamedBytes): SignaturePacket[] {
  const binary = armorType(signature.bytes) === undefined ? signature.bytes : dearmor(signature.bytes, 'SIGNATURE', signature.name);
  if (binary.length > 1024 * 1024) throw unusable(signature.name, 'OpenPGP signature is larger than 1 MiB');
  const packets = readPackets(binary, signature.name);
  if (packets.length === 0 || packets.some((p) => p.tag !== TAG.signature)) throw unusable(signature.name, 'is not an OpenPGP detached signature (expected only signature packets)');
  return packets.map((p) => parseSignaturePacket(p.body, signature.name));
}

export { canonicalText } from './canonical-text.js';

/** Hashes of the document (binary, or canonical text), one pass each, shared by every packet that needs them. */
class DocumentHashes {
  private readonly done = new Map<string, Hash>();
  constructor(private readonly data: SignedData) {}

  of(hashName: string, form: 'binary' | TextCanonicalisation): Hash {
    const id = `${hashName}:${form}`;
    let hash = this.done.get(id);
    if (hash === undefined) {
      const source = this.data;
      hash = hashData(form === 'binary' ? source : { name: source.name, size: source.size, chunks: () => textChunks(source.chunks(), form) }, hashName);
      this.done.set(id, hash);
    }
    return hash;
  }
}

function findKeys(packet: SignaturePacket, keys: readonly OpenPgpKey[]): OpenPgpKey[] {
  const fitting = keys.filter((k) => (KEY_ALGORITHMS[packet.publicKeyAlgorithm] ?? []).includes(k.algorithm));
  if (packet.issuerFingerprints.length > 0) return fitting.filter((k) => packet.issuerFingerprints.includes(k.fingerprint));
  if (packet.issuerKeyIds.length > 0) return fitting.filter((k) => packet.issuerKeyIds.includes(k.keyId));
  return fitting;
}

/**
 * The candidate key whose signature matches the document. Text signatures are tried with the RFC line
 * endings, then (only if that fails) as GnuPG canonicalises them, which also drops CRs before a line end.
 */
function matchingKey(packet: SignaturePacket, hashName: string, hashes: DocumentHashes, candidates: readonly OpenPgpKey[]): OpenPgpKey | undefined {
  const forms = packet.signatureType === 0x01 ? (['rfc', 'gnupg'] as const) : (['binary'] as const);
  for (const form of forms) {
    const digest = finishSignatureDigest(packet, hashes.of(hashName, form));
    if (!equalBytes(digest.subarray(0, 2), packet.left16)) continue;
    const key = candidates.find((k) => signatureMatches(packet, k, hashName, digest));
    if (key !== undefined) return key;
  }
  return undefined;
}

function verifyPacket(packet: SignaturePacket, data: SignedData, hashes: DocumentHashes, signatureName: string, keys: readonly OpenPgpKey[], now: Date): VerifyOutcome {
  const keyId = packet.issuerKeyIds[0] ?? packet.issuerFingerprints[0]?.slice(-16);
  const base = { ...(keyId ? { keyId } : {}), algorithm: ALGORITHM_NAMES[packet.publicKeyAlgorithm] ?? `algorithm ${packet.publicKeyAlgorithm}`, ...(packet.created ? { created: packet.created.toISOString() } : {}) };
  if (packet.signatureType !== 0x00 && packet.signatureType !== 0x01) throw unusable(signatureName, `OpenPGP signature type 0x${packet.signatureType.toString(16)} is not a document signature (0x00 binary or 0x01 text)`);
  if (WEAK_HASHES[packet.hashAlgorithm] !== undefined) return rejected('openpgp', `${signatureName}: signed with ${WEAK_HASHES[packet.hashAlgorithm]}, which is not accepted`, base);
  const hashName = HASHES[packet.hashAlgorithm];
  if (hashName === undefined) throw unusable(signatureName, `OpenPGP hash algorithm ${packet.hashAlgorithm} is unknown`);
  if (ALGORITHM_NAMES[packet.publicKeyAlgorithm] === undefined) throw unusable(signatureName, `OpenPGP public-key algorithm ${packet.publicKeyAlgorithm} is not supported (RSA, EdDSA and Ed25519 are)`);
  if (packet.unknownCritical.length > 0) return rejected('openpgp', `${signatureName}: has critical subpackets this verifier does not understand (${packet.unknownCritical.join(', ')})`, base);
  if (packet.created === undefined) return rejected('openpgp', `${signatureName}: has no signature creation time in its hashed subpackets`, base);
  const candidates = findKeys(packet, keys);
  const who = packet.issuerFingerprints[0] ?? keyId ?? 'an unnamed key';
  if (candidates.length === 0) return rejected('openpgp', `${signatureName}: signed by ${who}, which is not among the trusted keys`, base);
  const key = matchingKey(packet, hashName, hashes, candidates);
  if (key === undefined) return rejected('openpgp', `${data.name}: the OpenPGP signature ${signatureName} does not match the file (tampered file or wrong key)`, base);
  const found = { ...base, keyId: key.keyId, fingerprint: key.fingerprint, ...(key.primaryUserId ? { signer: key.primaryUserId } : {}) };
  const created = packet.created;
  if (key.created > created) return rejected('openpgp', `${signatureName}: the key ${key.keyId} was created after the signature`, found);
  if (key.expires !== undefined && created > key.expires) return rejected('openpgp', `${signatureName}: made ${created.toISOString()}, after key ${key.keyId} expired (${key.expires.toISOString()})`, found);
  if (packet.expiresAfterSeconds !== undefined) {
    const until = new Date(created.getTime() + packet.expiresAfterSeconds * 1000);
    if (now > until) return rejected('openpgp', `${signatureName}: the signature expired at ${until.toISOString()}`, found);
  }
  const warnings: string[] = [];
  if (key.expires !== undefined && now > key.expires) warnings.push(`key ${key.keyId} has expired since (${key.expires.toISOString()}); the signature was made before`);
  if (created.getTime() > now.getTime() + 5 * 60_000) warnings.push(`signature creation time ${created.toISOString()} is in the future`);
  if (packet.signatureType === 0x01) warnings.push('text-mode signature: line endings were normalised to CR LF before checking');
  return { verified: true, format: 'openpgp', ...found, warnings };
}

export function verifyOpenPgp(data: SignedData, signature: NamedBytes, keys: readonly TrustedKey[], now: Date): VerifyOutcome {
  const packets = parseOpenPgpSignatures(signature);
  const trusted = keys.flatMap((k) => (k.kind === 'openpgp' ? k.keys : []));
  const hashes = new DocumentHashes(data);
  const outcomes = packets.map((packet) => verifyPacket(packet, data, hashes, signature.name, trusted, now));
  return outcomes.find((o) => o.verified) ?? outcomes[0]!;
}
