import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AigisError } from '../core/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type CommandLineConfig<O extends Options> = { args: string[]; allowPositionals: true; strict: true; options: O };

/** A command's arguments: positionals allowed, unknown options refused, parse errors turned into USAGE errors. */
export function parseCommandLine<const O extends Options>(argv: readonly string[], options: O): ReturnType<typeof parseArgs<CommandLineConfig<O>>> {
  try {
    return parseArgs<CommandLineConfig<O>>({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new AigisError('USAGE', (error as Error).message);
  }
}
