import type { ContainerAnomaly } from '../../core/model-metadata.js';

export interface ZipEntry {
  /** Name from the central directory (or from the local header when listed by the local walk). */
  name: string;
  /** 0 = STORED, 8 = DEFLATED; anything else is reported as unscannable. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Absolute offset of the local header, after the shift for bytes before the archive. */
  headerOffset: number;
  /** Absolute offset of the member data, from the local header; undefined when that header is missing. */
  dataOffset?: number;
  listedBy: 'central-directory' | 'local-header';
}

export interface ZipListing {
  entries: ZipEntry[];
  anomalies: ContainerAnomaly[];
  /** Bytes before the archive (a prefix that loaders such as Python's zipfile skip). */
  prefixBytes: number;
  /** False when no usable central directory was found and entries come from walking local headers. */
  centralDirectory: boolean;
}

export interface ZipLimits {
  maxArchiveMembers: number;
  maxMemberBytes: number;
  maxArchiveExpandedBytes: number;
  maxCompressionRatio: number;
}
