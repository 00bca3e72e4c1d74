export type DiagnosticLevel = 'error' | 'warning' | 'info';

/** Something an extractor could not read or chose not to read; never a verdict about safety. */
export interface Diagnostic {
  level: DiagnosticLevel;
  /** Stable machine code such as `PICKLE_TRUNCATED`; tests assert on it. */
  code: string;
  message: string;
  path: string;
  line?: number;
  offset?: number;
  /** Container member the problem is in, such as `archive/data.pkl` inside a zip. */
  member?: string;
}
