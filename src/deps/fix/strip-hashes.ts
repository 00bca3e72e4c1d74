/**
 * The physical lines of one requirement without its `--hash` options. Lines left with nothing but a
 * continuation are dropped, the continuation of the new last line is removed, and the comment pip would read
 * stays at the end. Other options and the requirement keep their place and spacing.
 */
export function withoutHashes(physical: readonly string[]): string[] {
  const HASH = /\s*--hash(?:=|\s+)\S+/g;
  const COMMENT = /(^|\s+)#.*$/;
  const lastLine = physical[physical.length - 1] ?? '';
  const comment = COMMENT.exec(lastLine)?.[0].trim();
  const kept: string[] = [];
  physical.forEach((raw, i) => {
    let line = i === physical.length - 1 ? raw.replace(COMMENT, '') : raw;
    line = line.replace(/\\$/, '').replace(HASH, '').trimEnd();
    if (line.trim() !== '') kept.push(line);
  });
  if (kept.length === 0) return [...physical];
  return kept.map((line, i) => (i < kept.length - 1 ? `${line} \\` : comment ? `${line}  ${comment}` : line));
}
