/** What the HDF5 reader reports: the root group's attributes, and why some could not be read. */

export interface Hdf5Limits {
  /** Bytes one string attribute value may have (a Keras model_config can be megabytes). */
  maxStringBytes: number;
  /** Header messages read from one object header, continuations included. */
  maxMessages: number;
  /** Continuation blocks followed in one object header. */
  maxContinuations: number;
  /** Elements decoded from one array attribute. */
  maxArrayElements: number;
  /** Bytes of one object header chunk or continuation block. */
  maxHeaderChunkBytes: number;
}

export const DEFAULT_HDF5_LIMITS: Hdf5Limits = {
  maxStringBytes: 64 * 1024 * 1024,
  maxMessages: 4096,
  maxContinuations: 256,
  maxArrayElements: 4096,
  maxHeaderChunkBytes: 16 * 1024 * 1024,
};

/** A decoded attribute value: strings (fixed or variable length), or a note on what else it holds. */
export interface Hdf5Attribute {
  name: string;
  /** `string` for scalars, `string[]` for arrays of strings; absent when the type is not a string. */
  value?: string | string[];
  /** Datatype class name (`string`, `vlen-string`, `integer`, ...). */
  datatype: string;
  /** Where the attribute message starts (absolute file offset). */
  offset: number;
}

export type Hdf5ProblemKind = 'unscannable' | 'malformed';

export interface Hdf5Problem {
  kind: Hdf5ProblemKind;
  message: string;
  offset?: number;
}

export interface Hdf5RootAttributes {
  /** Superblock version (0-3); absent when no superblock was found. */
  superblockVersion?: number;
  /** Absolute offset of the superblock (non-zero when a user block precedes it). */
  superblockOffset?: number;
  objectHeaderVersion?: number;
  attributes: Hdf5Attribute[];
  /** True when the root group keeps attributes in dense storage (fractal heap + v2 B-tree). */
  denseAttributes: boolean;
  problems: Hdf5Problem[];
}
