/** Reads a small configuration file as UTF-8 text, bounded; problems become diagnostics. */
import type { Diagnostic } from '../../../core/diagnostic.js';
import type { FileInput } from '../../../core/extractor.js';

export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export function readConfigText(file: FileInput, code: string, maxBytes = MAX_CONFIG_BYTES): { text?: string; diagnostics: Diagnostic[] } {
  if (file.size > maxBytes) {
    return { diagnostics: [{ level: 'error', code, message: `${file.size} bytes is more than the ${maxBytes}-byte limit; not read`, path: file.path }] };
  }
  try {
    const bytes = file.source.read(0, file.size);
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), diagnostics: [] };
  } catch (error) {
    const message = error instanceof TypeError ? 'not valid UTF-8' : error instanceof Error ? error.message : String(error);
    return { diagnostics: [{ level: 'error', code, message, path: file.path }] };
  }
}
