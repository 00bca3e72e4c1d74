/** pip.conf / pip.ini to index configuration. Exported for the CLI to read the file PIP_CONFIG_FILE names. */
import type { Diagnostic } from '../../../core/diagnostic.js';
import type { PythonIndexConfigMetadata } from '../../../core/python-metadata.js';
import { emptyIndexConfig, option } from './index-config.js';
import { parseIni, pipBoolean } from './ini.js';

export const MAX_CONFIG_LINES = 100_000;

/** Sections whose options reach `pip install` / `pip download` / `pip wheel` / `pip lock`. */
const SECTIONS = new Set(['global', 'install', 'download', 'wheel', 'lock', 'index']);

export interface PipConfigRead {
  config: PythonIndexConfigMetadata;
  diagnostics: Diagnostic[];
}

/** Reads one pip configuration file's text. `path` is used for locations only; nothing is opened. */
export function readPipConfigFile(path: string, text: string): PipConfigRead {
  const config = emptyIndexConfig('pip-config');
  const diagnostics: Diagnostic[] = [];
  const { values, problems } = parseIni(text, MAX_CONFIG_LINES);
  for (const p of problems) diagnostics.push({ level: 'error', code: 'PIP_CONFIG_INVALID', message: p.message, path, line: p.line });
  for (const value of values) {
    if (!SECTIONS.has(value.section.toLowerCase())) continue;
    // pip splits list options on whitespace; each item keeps the line it is written on.
    const items = value.parts.flatMap((part) => part.text.split(/\s+/).filter((t) => t !== '').map((t) => option(t, path, part.line)));
    const line = value.parts[0]?.line;
    switch (value.key) {
      case 'index-url':
      case 'i':
        if (items.length > 0) config.indexUrls.push(items[items.length - 1]!);
        break;
      case 'extra-index-url':
        config.extraIndexUrls.push(...items);
        break;
      case 'find-links':
      case 'f':
        config.findLinks.push(...items);
        break;
      case 'trusted-host':
        config.trustedHosts.push(...items);
        break;
      case 'no-index':
      case 'require-hashes': {
        const text = value.parts.map((p) => p.text).join(' ');
        const flag = pipBoolean(text);
        if (flag === undefined) {
          diagnostics.push({ level: 'warning', code: 'PIP_CONFIG_INVALID', message: `${value.key} = ${text.slice(0, 40)} is not a boolean (pip refuses it)`, path, ...(line !== undefined ? { line } : {}) });
        } else if (value.key === 'no-index') config.noIndex ||= flag;
        else config.requireHashes ||= flag;
        break;
      }
      default:
        break;
    }
  }
  return { config, diagnostics };
}
