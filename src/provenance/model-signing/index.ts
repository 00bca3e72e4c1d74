export { BUNDLE_MEDIA_TYPE, parseBundle, type ModelBundle, type SignerMaterial } from './bundle.js';
export { readAnchors } from './certificate-chain.js';
export { compareManifests, manifestLines, rootDigest, type Manifest, type ManifestDifference, type ManifestItem, type Serialization } from './manifest.js';
export { DEFAULT_SHARD_SIZE, GIT_IGNORE_PATHS, serializeModel } from './serialize.js';
export { publicKeyHint } from './signature-check.js';
export { signModel, type SignModelOptions, type SignedModel } from './sign.js';
export { loadTrustRoot, type SigstoreIdentity } from './sigstore-keyless.js';
export { buildStatement, parseStatement, OMS_PREDICATE_TYPE } from './statement.js';
export { verifyModel, type ModelVerification, type TrustedSigner, type VerifyModelOptions } from './verify.js';
