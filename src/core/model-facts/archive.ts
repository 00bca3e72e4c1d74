/** What the archive and compression extractor records about a wrapper file (filled in by model/archive). */
export interface ArchiveFacts {
  placeholder?: never;
}
