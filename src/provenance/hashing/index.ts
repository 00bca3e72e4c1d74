export { hashFile, type HashFileOptions } from './hash-file.js';
export { hashFiles, type HashFilesOptions } from './hash-files.js';
export type { FileDigest, HashProgress } from './types.js';
