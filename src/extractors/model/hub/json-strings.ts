import type { HubSuspiciousValue } from '../../../core/model-facts/hub.js';
import { dangerousShellCommand, liveLookingSecret } from './suspicious-text.js';

const MAX_STRINGS = 100_000;
const MAX_FINDINGS = 32;
const MAX_STRING_CHARS = 64 * 1024;

export interface StringScan {
  values: HubSuspiciousValue[];
  truncated: boolean;
}

/** Every string value of a parsed JSON document (depth already bounded by the caller), checked for commands and credentials. */
export function suspiciousValues(document: unknown): StringScan {
  const values: HubSuspiciousValue[] = [];
  let visited = 0;
  const stack: Array<{ value: unknown; path: string }> = [{ value: document, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (++visited > MAX_STRINGS) return { values, truncated: true };
      const text = value.slice(0, MAX_STRING_CHARS);
      const shell = dangerousShellCommand(text);
      if (shell) values.push({ kind: 'shell-command', key: path, pattern: shell.pattern, excerpt: shell.text });
      const secret = liveLookingSecret(text);
      if (secret) values.push({ kind: 'secret', key: path, pattern: secret.pattern, excerpt: secret.text });
      if (values.length >= MAX_FINDINGS) return { values, truncated: true };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]` });
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!;
        stack.push({ value: item, path: path === '' ? key : `${path}.${key}` });
      }
    }
  }
  return { values, truncated: false };
}
