import { describe, expect, it } from 'vitest';
import { unsafeLinkTarget } from './link.js';

describe('tar link targets', () => {
  it('accepts links that stay inside the extraction folder', () => {
    expect(unsafeLinkTarget('model/link', '2', 'weights.bin')).toBeUndefined();
    expect(unsafeLinkTarget('model/sub/link', '2', '../weights.bin')).toBeUndefined();
    expect(unsafeLinkTarget('model/link', '1', 'model/weights.bin')).toBeUndefined();
    expect(unsafeLinkTarget('model/file', '0', '/etc/passwd')).toBeUndefined();
  });

  it('reports absolute targets and targets that climb out', () => {
    expect(unsafeLinkTarget('model/link', '2', '/etc/passwd')).toMatch(/absolute/);
    expect(unsafeLinkTarget('model/link', '2', '../../etc/passwd')).toMatch(/leaves/);
    expect(unsafeLinkTarget('link', '2', 'C:/Windows')).toMatch(/absolute/);
    expect(unsafeLinkTarget('model/link', '1', '../outside')).toMatch(/hard link/);
  });
});
