/** Where something is: a path relative to the scan root, with a line for text or a byte offset for binaries. */
export interface Location {
  path: string;
  line?: number;
  offset?: number;
  /** Container member path (zip entry, tar member), joined with `!` in display. */
  member?: string;
}

export function formatLocation(location: Location): string {
  let text = location.path;
  if (location.member) text += `!${location.member}`;
  if (location.line !== undefined) text += `:${location.line}`;
  else if (location.offset !== undefined) text += `@${location.offset}`;
  return text;
}
