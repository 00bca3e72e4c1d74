/**
 * Why a container member name could escape the folder it is extracted to (`..`, absolute paths,
 * drive letters, backslashes), or undefined when it cannot.
 */
export function unsafeMemberPath(name: string): string | undefined {
  if (name.includes('\0')) return 'contains a NUL byte';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  if (name.split('/').some((part) => part === '..')) return 'contains a `..` segment';
  return undefined;
}
