import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readProject } from './project.js';

const dir = mkdtempSync(join(tmpdir(), 'aigis-sbom-project-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const withPyproject = (text: string) => {
  writeFileSync(join(dir, 'pyproject.toml'), text);
  return readProject(dir);
};

describe('the project a BOM describes', () => {
  it('takes [project] first, then [tool.poetry], then the folder name', () => {
    expect(withPyproject('[project]\nname = "My_App"\nversion = "2.0"\n')).toEqual({ ref: 'pkg:pypi/my-app@2.0', name: 'My_App', version: '2.0', purl: 'pkg:pypi/my-app@2.0', nameFrom: 'pyproject' });
    expect(withPyproject('[tool.poetry]\nname = "poet"\n')).toEqual({ ref: 'pkg:pypi/poet', name: 'poet', purl: 'pkg:pypi/poet', nameFrom: 'pyproject' });
    expect(withPyproject('[project]\nname = "bad name!"\n')).toEqual({ ref: `project:${basename(dir)}`, name: basename(dir), nameFrom: 'folder' });
    expect(withPyproject('not toml [')).toMatchObject({ nameFrom: 'folder' });
  });

  it('never throws on arbitrary pyproject text', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ maxLength: 60 }).map((s) => `[project]\nname = ${JSON.stringify(s)}\nversion = ${JSON.stringify(s)}\n`)), (text) => {
      const project = withPyproject(text);
      expect(project.name.length).toBeGreaterThan(0);
    }), { numRuns: 200 });
  });
});
