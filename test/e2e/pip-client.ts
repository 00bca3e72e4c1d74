import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PipResult {
  status: number | null;
  output: string;
  /** The `--report` document, when pip wrote one. */
  report?: { install: Array<{ metadata: { name: string; version: string } }> };
}

/** The first Python on this machine whose pip is 23 or later (the real client the tests run). */
export function findPip(): { python: string; version: string } {
  for (const python of ['python3', '/usr/bin/python3']) {
    const result = spawnSync(python, ['-m', 'pip', '--version'], { encoding: 'utf8' });
    const match = /^pip (\d+)\.(\d+)/.exec(result.stdout ?? '');
    if (result.status === 0 && match && Number(match[1]) >= 23) return { python, version: `${match[1]}.${match[2]}` };
  }
  throw new Error('no pip >= 23 found: .ci/run installs python3-pip');
}

/**
 * Runs `pip install --dry-run --report` the way a user hardening an install would, isolated from any
 * user or site configuration: pip resolves, downloads from the given sources and checks hashes, and
 * installs nothing.
 */
export function pipDryRun(args: readonly string[], cwd: string): PipResult {
  const { python } = findPip();
  const out = mkdtempSync(join(tmpdir(), 'aigis-pip-'));
  const reportPath = join(out, 'report.json');
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: out,
    PIP_CONFIG_FILE: '/dev/null',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_NO_CACHE_DIR: '1',
    PIP_NO_INPUT: '1',
    PYTHONNOUSERSITE: '1',
  };
  const result = spawnSync(python, ['-m', 'pip', 'install', '--dry-run', '--ignore-installed', '--report', reportPath, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return {
    status: result.status,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}`,
    report: existsSync(reportPath) ? JSON.parse(readFileSync(reportPath, 'utf8')) : undefined,
  };
}
