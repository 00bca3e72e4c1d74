/**
 * Compiles a path glob to a RegExp over `/`-separated relative paths: `*` matches within one segment,
 * `**` across segments, `?` one character. A glob without `/` matches the last segment (the file name).
 */
export function globToRegExp(glob: string): RegExp {
  const anchoredToName = !glob.includes('/');
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        source += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(anchoredToName ? `(?:^|/)${source}$` : `^${source.replace(/^\\?\.\//, '')}/?$`);
}

export function matchesGlob(path: string, glob: string): boolean {
  return globToRegExp(glob).test(path);
}
