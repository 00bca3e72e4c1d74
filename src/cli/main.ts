import { AigisError } from '../core/errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { MAIN_HELP } from './help.js';
import { toolVersion } from './io.js';

/** Runs one aigis command and returns its exit code; the single place errors become messages. */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        return await help(rest[0], rest[1]);
      case 'version':
      case '--version':
      case '-V':
        process.stdout.write(`aigis ${toolVersion()}\n`);
        return EXIT.ok;
      case 'scan':
        return await (await import('./commands/scan.js')).runScan(rest, { mode: 'all' });
      case 'model':
        if (rest[0] === 'scan') return await (await import('./commands/scan.js')).runScan(rest.slice(1), { mode: 'model' });
        if (rest[0] === 'sign') return await (await import('./commands/model-sign.js')).runModelSign(rest.slice(1));
        if (rest[0] === 'verify') return await (await import('./commands/model-verify.js')).runModelVerify(rest.slice(1));
        throw new AigisError('USAGE', `unknown command 'model ${rest[0] ?? ''}'. Try 'aigis model scan --help'.`);
      case 'deps':
        return await runDeps(rest);
      case 'db':
        return await (await import('./commands/db.js')).runDb(rest);
      case 'fetch':
        return await (await import('./commands/fetch.js')).runFetch(rest);
      case 'manifest':
        return await (await import('./commands/manifest.js')).runManifest(rest);
      case 'sbom':
        return await (await import('./commands/sbom.js')).runSbom(rest);
      case 'verify':
        return await (await import('./commands/verify.js')).runVerify(rest);
      case 'rules':
        return await (await import('./commands/rules.js')).runRules(rest);
      default:
        throw new AigisError('USAGE', `unknown command '${command}'. Run 'aigis --help' for the list.`);
    }
  } catch (error) {
    return reportError(error);
  }
}

async function runDeps(argv: readonly string[]): Promise<ExitCode> {
  const [verb, ...rest] = argv;
  switch (verb) {
    case 'check':
      return (await import('./commands/scan.js')).runScan(rest, { mode: 'deps' });
    case 'audit':
      return (await import('./commands/deps-audit.js')).runDepsAudit(rest);
    case 'hash':
      return (await import('./commands/deps-hash.js')).runDepsHash(rest);
    case 'namespace':
      return (await import('./commands/deps-namespace.js')).runDepsNamespace(rest);
    default:
      throw new AigisError('USAGE', `unknown command 'deps ${verb ?? ''}'. Try 'aigis deps check --help'.`);
  }
}

async function help(topic: string | undefined, subtopic?: string): Promise<ExitCode> {
  if (topic === 'deps' && ['audit', 'hash', 'namespace'].includes(subtopic ?? '')) {
    const pages = {
      audit: async () => (await import('./commands/deps-audit.js')).DEPS_AUDIT_HELP,
      hash: async () => (await import('./commands/deps-hash.js')).DEPS_HASH_HELP,
      namespace: async () => (await import('./commands/deps-namespace.js')).DEPS_NAMESPACE_HELP,
    };
    process.stdout.write(`${await pages[subtopic as keyof typeof pages]()}\n`);
    return EXIT.ok;
  }
  if (topic === 'model' && (subtopic === 'sign' || subtopic === 'verify')) {
    const page = subtopic === 'sign' ? (await import('./commands/model-sign.js')).MODEL_SIGN_HELP : (await import('./commands/model-verify.js')).MODEL_VERIFY_HELP;
    process.stdout.write(`${page}\n`);
    return EXIT.ok;
  }
  if (topic === 'fetch') {
    process.stdout.write(`${(await import('./commands/fetch.js')).FETCH_HELP}\n`);
    return EXIT.ok;
  }
  if (topic === 'manifest' || topic === 'sbom') {
    const page = topic === 'manifest' ? (await import('./commands/manifest.js')).MANIFEST_HELP : (await import('./commands/sbom.js')).SBOM_HELP;
    process.stdout.write(`${page}\n`);
    return EXIT.ok;
  }
  if (topic === 'verify') {
    process.stdout.write(`${(await import('./commands/verify.js')).VERIFY_HELP}\n`);
    return EXIT.ok;
  }
  if (topic === 'db') {
    process.stdout.write(`${(await import('./commands/db.js')).DB_HELP}\n`);
    return EXIT.ok;
  }
  const { SCAN_HELP, MODEL_SCAN_HELP, RULES_HELP, DEPS_CHECK_HELP } = await import('./help.js');
  const pages: Record<string, string> = { scan: SCAN_HELP, model: MODEL_SCAN_HELP, rules: RULES_HELP, deps: DEPS_CHECK_HELP };
  process.stdout.write(`${(topic && pages[topic]) || MAIN_HELP}\n`);
  return EXIT.ok;
}

function reportError(error: unknown): ExitCode {
  if (error instanceof AigisError && error.code !== 'INTERNAL') {
    process.stderr.write(`aigis: error: ${error.message}\n`);
    return EXIT.usage;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`aigis: internal error (please report it): ${detail}\n`);
  return EXIT.internal;
}
