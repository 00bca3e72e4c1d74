import { parseArgs } from 'node:util';
import { CHECKS } from '../../checks/registry.js';
import { AigisError } from '../../core/errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { RULES_HELP } from '../help.js';

export async function runRules(argv: readonly string[]): Promise<ExitCode> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], strict: true, options: { format: { type: 'string', short: 'f', default: 'table' }, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (error) {
    throw new AigisError('USAGE', (error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${RULES_HELP}\n`);
    return EXIT.ok;
  }
  const rules = CHECKS.flatMap((check) => check.rules.map((rule) => ({ ...rule, id: `${check.id}/${rule.id}` })));
  if (values.format === 'json') {
    process.stdout.write(`${JSON.stringify(rules.map(({ id, severity, title, help }) => ({ id, severity, title, help })), null, 2)}\n`);
  } else if (values.format === 'table') {
    for (const rule of rules) process.stdout.write(`${rule.severity.padEnd(8)} ${rule.id}\n         ${rule.title}\n         ${rule.help}\n\n`);
  } else {
    throw new AigisError('USAGE', `--format must be table or json (got '${values.format}')`);
  }
  return EXIT.ok;
}
