import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { z } from 'zod';
import { normalizePythonName } from '../core/python-metadata.js';
import type { BomProject } from './model.js';

const MAX_PYPROJECT_BYTES = 1024 * 1024;
const name = z.string().min(1).max(200).regex(/^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/);
const version = z.string().min(1).max(100);
const pyprojectSchema = z.object({
  project: z.object({ name: name.optional().catch(undefined), version: version.optional().catch(undefined) }).optional().catch(undefined),
  tool: z.object({ poetry: z.object({ name: name.optional().catch(undefined), version: version.optional().catch(undefined) }).optional().catch(undefined) }).optional().catch(undefined),
});

function readSmallText(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size > MAX_PYPROJECT_BYTES) return undefined;
    const buffer = Buffer.alloc(size);
    return buffer.subarray(0, readSync(fd, buffer, 0, size, 0)).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The project the BOM describes: `[project]` (or `[tool.poetry]`) of the root pyproject.toml, else the folder name. */
export function readProject(root: string): BomProject {
  const text = readSmallText(join(root, 'pyproject.toml'));
  if (text !== undefined) {
    let document: unknown;
    try {
      document = parseToml(text);
    } catch {
      document = undefined;
    }
    const parsed = pyprojectSchema.safeParse(document);
    const found = parsed.success ? (parsed.data.project?.name ? parsed.data.project : parsed.data.tool?.poetry) : undefined;
    if (found?.name) {
      const normalized = normalizePythonName(found.name);
      const purl = `pkg:pypi/${normalized}${found.version === undefined ? '' : `@${encodeURIComponent(found.version)}`}`;
      return { ref: purl, name: found.name, purl, nameFrom: 'pyproject', ...(found.version === undefined ? {} : { version: found.version }) };
    }
  }
  const folder = basename(root) || 'project';
  return { ref: `project:${folder}`, name: folder, nameFrom: 'folder' };
}
