import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { AigisError } from '../../core/errors.js';

const MAX_KEY_FILE_BYTES = 1024 * 1024;

/** A model path from the command line: must exist. */
export function resolveModelPath(given: string, cwd: string): string {
  const path = resolve(cwd, given);
  if (!existsSync(path)) throw new AigisError('PATH_NOT_FOUND', `${given}: no such file or folder`, { path: given });
  return path;
}

/** The path of `target` inside the model folder, or undefined when it is outside (or the model is a file). */
function insideModel(modelPath: string, target: string): string | undefined {
  if (!statSync(modelPath).isDirectory()) return undefined;
  const rel = relative(modelPath, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/**
 * Ignore paths as model_signing takes them: a path that names something inside the model from the
 * current folder is used as that; anything else is read relative to the model root. The signature
 * file is ignored when it lies inside the model.
 */
export function modelIgnorePaths(modelPath: string, given: readonly string[], cwd: string, signaturePath: string): string[] {
  const paths = given.map((path) => insideModel(modelPath, resolve(cwd, path)) ?? path);
  const signature = insideModel(modelPath, signaturePath);
  return signature === undefined ? paths : [...paths, signature];
}

/** Reads a small text input (a key, a certificate, a trust root) or fails with a usage error naming it. */
export function readSmallFile(given: string, cwd: string, what: string, maxBytes = MAX_KEY_FILE_BYTES): string {
  const path = resolve(cwd, given);
  if (!existsSync(path) || !statSync(path).isFile()) throw new AigisError('PATH_NOT_FOUND', `${given}: no such ${what} file`, { path: given });
  if (statSync(path).size > maxBytes) throw new AigisError('SIGNATURE_INVALID', `${given}: too large for a ${what}`, { path: given });
  return readFileSync(path, 'utf8');
}
