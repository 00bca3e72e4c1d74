import { unsafeMemberPath } from '../member-path.js';

/**
 * Why a link member points outside the extraction folder, or undefined. A symlink target is resolved
 * from the member's folder; a hard link target is a path inside the archive.
 */
export function unsafeLinkTarget(member: string, type: string, target: string): string | undefined {
  if (type === '1') {
    const unsafe = unsafeMemberPath(target);
    return unsafe === undefined ? undefined : `hard link target ${JSON.stringify(target)} ${unsafe}`;
  }
  if (type !== '2') return undefined;
  if (target.startsWith('/') || /^[A-Za-z]:/.test(target) || target.startsWith('\\')) return `symlink points to the absolute path ${JSON.stringify(target)}`;
  const stack = member.split('/').slice(0, -1).filter((part) => part !== '' && part !== '.');
  for (const part of target.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') stack.push(part);
    else if (stack.pop() === undefined) return `symlink target ${JSON.stringify(target)} leaves the extraction folder`;
  }
  return undefined;
}
