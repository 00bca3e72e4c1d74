/** What the hub-folder extractor records about config files and remote code (filled in by model/hub). */
export interface HubFacts {
  placeholder?: never;
}
