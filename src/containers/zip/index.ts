export { listZip } from './listing.js';
export { ExpansionBudget, isEncrypted, memberHead, openMember, type MemberContent } from './member.js';
export { zipNamesFromProbe, looksLikeZip, type ZipProbeNames } from './probe.js';
export type { ZipEntry, ZipLimits, ZipListing } from './types.js';
