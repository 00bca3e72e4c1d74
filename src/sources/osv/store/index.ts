export { openOsvDatabase, readMeta, STORE_SCHEMA_VERSION, type OpenOptions, type OsvDatabase } from './database.js';
export { importOsvFolder, importOsvZip, isNewer, MAX_RECORD_BYTES, type ImportOptions, type ImportResult } from './import.js';
export { createLocalVulnerabilityDatabase, describeDatabase, status, type OsvDatabaseStatus } from './local.js';
export { buildDatabase, swapDatabase, temporaryPathFor, type BuildOptions, type BuildResult, type DatabaseSource } from './build.js';
export { DEFAULT_DOWNLOAD_TIMEOUT_MS, DEFAULT_MAX_DOWNLOAD_BYTES, DEFAULT_OSV_ZIP_URL, updateFromUrl, type UpdateOptions, type UpdateResult } from './update.js';
export { readBundledSnapshot, bundledOsvDir, bundledOsvZip, buildFromBundled, type BundledSnapshot } from './bundled.js';
export { DEFAULT_ZIP_READ_LIMITS, readZipMembers, type ZipReadLimits } from './zip-members.js';
