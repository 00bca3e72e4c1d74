import { existsSync, statSync } from 'node:fs';
import { devNull } from 'node:os';
import { resolve } from 'node:path';
import { AigisError } from '../core/errors.js';

const PIP_CONFIG_EXTRACTOR = 'python/pip-config';

/**
 * The pip or uv configuration files the user points at: `--pip-config FILE` (repeatable) and, as pip
 * itself reads it, the PIP_CONFIG_FILE environment variable. Each must exist; pip's `os.devnull` idiom
 * (PIP_CONFIG_FILE=/dev/null to read no file) is honoured.
 */
export function pointedPipConfigFiles(flags: readonly string[], environment: string | undefined, cwd: string) {
  const given = [...flags, ...(environment && environment !== devNull ? [environment] : [])];
  return given.map((path) => {
    const absolutePath = resolve(cwd, path);
    if (!existsSync(absolutePath) || !statSync(absolutePath).isFile()) {
      throw new AigisError('USAGE', `${path}: pip configuration file not found`, { path });
    }
    return { absolutePath, displayPath: absolutePath, size: statSync(absolutePath).size, extractorId: PIP_CONFIG_EXTRACTOR };
  });
}
