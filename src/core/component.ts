import type { Location } from './location.js';
import type { ModelFileMetadata } from './model-metadata.js';
import type { PythonIndexConfigMetadata, PythonPackageMetadata } from './python-metadata.js';
import type { AigisLockMetadata } from './lock-metadata.js';

export type ComponentKind = 'python-package' | 'model' | 'dataset' | 'file';

export interface Hash {
  alg: 'sha256' | 'sha384' | 'sha512' | 'sha1' | 'md5' | 'blake2b-256';
  value: string;
}

/** One variant per extractor family; checks switch on `type`. */
export type ComponentMetadata = ModelFileMetadata | PythonPackageMetadata | PythonIndexConfigMetadata | AigisLockMetadata | { type: 'none' };

export interface Component {
  /** Stable within a report: `<kind>:<path>` for files, a purl for packages. */
  id: string;
  kind: ComponentKind;
  name: string;
  version?: string;
  purl?: string;
  locations: Location[];
  hashes: Hash[];
  /** Id of the extractor that found it. */
  foundBy: string;
  metadata: ComponentMetadata;
}
