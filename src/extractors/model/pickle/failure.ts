/** Codes a pickle stream can fail with; `pickle.load` would have run everything before the offset. */
export type PickleErrorCode =
  | 'PICKLE_TRUNCATED'
  | 'PICKLE_INVALID_OPCODE'
  | 'PICKLE_STACK_UNDERFLOW'
  | 'PICKLE_BAD_ARGUMENT'
  | 'PICKLE_BAD_MEMO'
  | 'PICKLE_LIMIT'
  | 'PICKLE_JOBLIB_ARRAY_UNKNOWN';

/** Thrown inside the opcode loop and caught at the stream boundary; never escapes the parser. */
export class StreamFailure {
  constructor(
    readonly code: PickleErrorCode,
    readonly message: string,
    /** Offset in the parsed source (without the caller's base offset). */
    readonly offset: number,
  ) {}
}
