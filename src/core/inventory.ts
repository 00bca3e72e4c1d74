import type { Component } from './component.js';
import type { Diagnostic } from './diagnostic.js';

export interface Relationship {
  from: string;
  to: string;
  type: 'depends-on' | 'contains' | 'derived-from';
}

export type ExtractorState = 'ok' | 'partial' | 'failed';

/** What one extractor did over the whole scan: how many files, and what it could not read. */
export interface ExtractorStatus {
  extractorId: string;
  state: ExtractorState;
  files: number;
  components: number;
  diagnostics: Diagnostic[];
}

/** What exists, never what is wrong. */
export interface Inventory {
  components: Component[];
  relationships: Relationship[];
  statuses: ExtractorStatus[];
  /** Problems found while walking (unreadable folders, limits hit), not tied to one extractor. */
  walkDiagnostics: Diagnostic[];
  /** Files the walk found and offered to the extractors. */
  filesWalked: number;
}
