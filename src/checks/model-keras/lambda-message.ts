import type { KerasLambda } from '../../core/model-facts/keras.js';

const SHOWN = 12;
/** Names that make a function's intent plain when the bytecode references them. */
const TELLING = new Set([
  '__import__', 'system', 'popen', 'Popen', 'run', 'call', 'check_output', 'exec', 'eval', 'compile', 'open', 'getattr',
  'os', 'subprocess', 'socket', 'urlopen', 'request', 'remove', 'rmtree', 'spawn', 'execv', 'execve', 'builtins', 'globals',
  'loads', 'load', 'write', 'connect', 'get', 'post', 'b64decode', 'fork', 'kill', 'chmod',
]);

function list(values: string[]): string {
  const shown = values.slice(0, SHOWN).map((value) => JSON.stringify(value));
  return values.length > SHOWN ? `${shown.join(', ')} and ${values.length - SHOWN} more` : shown.join(', ');
}

/** What the stored function is and what it references, in one sentence for the finding. */
export function describeLambda(lambda: KerasLambda): string {
  if (lambda.encoding === 'source') return `stores Python source ${JSON.stringify(lambda.text ?? '')}`;
  if (lambda.encoding === 'named') return `names the function ${JSON.stringify(lambda.text ?? '')}${lambda.module === undefined ? '' : ` of module ${lambda.module}`}`;
  if (lambda.encoding === 'missing') return 'has no readable function (Keras may still build one from the config)';
  const code = lambda.code;
  if (code === undefined) return 'stores marshalled bytecode';
  if (code.error !== undefined) {
    return `stores marshalled bytecode that could not be walked (${code.error}); printable strings in it: ${list(code.strings ?? [])}`;
  }
  const telling = code.names.filter((name) => TELLING.has(name));
  const parts = [`stores marshalled CPython bytecode (${code.layout ?? 'unknown layout'}, ${code.codeObjects} code object${code.codeObjects === 1 ? '' : 's'})`];
  parts.push(code.names.length > 0 ? `that uses the names ${list(code.names)}` : 'that uses no global names');
  if (code.constants.length > 0) parts.push(`with string constants ${list(code.constants)}`);
  if (telling.length > 0) parts.push(`(${telling.join(', ')} reach the system or evaluate code)`);
  return parts.join(' ');
}
