export { createManifest, type HashTreeOptions } from './create.js';
export { checkEntryPath } from './entry-path.js';
export { JsonManifestSchema } from './json-format.js';
export { parseManifest } from './parse.js';
export { renderManifest } from './render.js';
export { listTree, type TreeFile } from './tree.js';
export { MANIFEST_LIMITS, type Manifest, type ManifestEntry, type ManifestFormat } from './types.js';
export { verifyManifest, type ManifestVerification } from './verify.js';
