import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../core/limits.js';
import { walk, type WalkOptions } from './walk.js';

const options: WalkOptions = { limits: DEFAULT_LIMITS, includeVirtualenvs: false, exclude: [] };

function write(root: string, path: string, text = 'x') {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('walk', () => {
  let root: string;
  let outside: string;
  beforeEach(() => {
    const base = mkdtempSync(join(tmpdir(), 'aigis-walk-'));
    root = join(base, 'project');
    outside = join(base, 'outside');
    mkdirSync(root);
    mkdirSync(outside);
    write(root, 'models/a.pt');
    write(root, 'models/nested/b.pkl');
    write(root, 'README.md');
    write(root, '.git/objects/x');
    write(root, 'node_modules/pkg/index.js');
    write(root, '.venv/pyvenv.cfg');
    write(root, '.venv/lib/python3.11/site-packages/evil.pkl');
    write(outside, 'secret.pkl');
  });

  it('lists files in a stable order, relative and /-separated, skipping VCS, node_modules and virtualenvs', () => {
    const { files } = walk(root, ['.'], options);
    expect(files.map((f) => f.path)).toEqual(['README.md', 'models/a.pt', 'models/nested/b.pkl']);
  });

  it('walks into virtualenvs when asked', () => {
    const { files } = walk(root, ['.'], { ...options, includeVirtualenvs: true });
    expect(files.map((f) => f.path)).toContain('.venv/pyvenv.cfg');
  });

  it('never follows a symbolic link out of the root, and says so', () => {
    symlinkSync(join(outside, 'secret.pkl'), join(root, 'models/link.pkl'));
    symlinkSync(outside, join(root, 'linked-folder'));
    const { files, diagnostics } = walk(root, ['.'], options);
    expect(files.map((f) => f.path)).not.toContain('models/link.pkl');
    expect(files.some((f) => f.path.startsWith('linked-folder'))).toBe(false);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'WALK_SYMLINK_OUTSIDE', path: 'models/link.pkl' }));
  });

  it('follows a symbolic link to a file inside the root', () => {
    symlinkSync(join(root, 'models/a.pt'), join(root, 'alias.pt'));
    expect(walk(root, ['.'], options).files.map((f) => f.path)).toContain('alias.pt');
  });

  it('stops at the file limit and reports it', () => {
    const { files, diagnostics } = walk(root, ['.'], { ...options, limits: { ...DEFAULT_LIMITS, maxFiles: 2 } });
    expect(files).toHaveLength(2);
    expect(diagnostics.map((d) => d.code)).toContain('WALK_FILE_LIMIT');
  });

  it('skips files over the size limit with a diagnostic naming them', () => {
    write(root, 'big.bin', 'x'.repeat(100));
    const { files, diagnostics } = walk(root, ['big.bin'], { ...options, limits: { ...DEFAULT_LIMITS, maxFileBytes: 10 } });
    expect(files).toEqual([]);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'WALK_FILE_TOO_LARGE', path: 'big.bin' }));
  });

  it('honours depth limits and exclude globs', () => {
    expect(walk(root, ['.'], { ...options, limits: { ...DEFAULT_LIMITS, maxDepth: 1 } }).files.map((f) => f.path)).toEqual(['README.md', 'models/a.pt']);
    expect(walk(root, ['.'], { ...options, exclude: ['models/nested/**'] }).files.map((f) => f.path)).toEqual(['README.md', 'models/a.pt']);
    expect(walk(root, ['.'], { ...options, exclude: ['*.md'] }).files.map((f) => f.path)).toEqual(['models/a.pt', 'models/nested/b.pkl']);
  });

  it('scans single files given as targets', () => {
    expect(walk(root, ['models/a.pt'], options).files.map((f) => f.path)).toEqual(['models/a.pt']);
  });
});
