import type { AppliedFix } from './apply.js';
import type { FixPlan } from './plan.js';

/** The fix plan as JSON (stable key order), for `aigis deps audit --fix --format json`. */
export function renderPlanJson(plan: FixPlan): string {
  return `${JSON.stringify({ fixes: plan.entries, notFixable: plan.notFixable }, null, 2)}\n`;
}

/** The fix plan as a plain-text table, one pin a line. */
export function renderPlanTable(plan: FixPlan): string {
  if (plan.entries.length === 0 && plan.notFixable.length === 0) return 'Fixes: no vulnerable pins.\n';
  const rows = plan.entries.map((e) => [
    `${e.path}${e.line === undefined ? '' : `:${e.line}`}`,
    e.name,
    e.current,
    e.status === 'upgrade' ? e.target! : 'no fix available',
    e.ids.join(', '),
  ]);
  const lines = ['Fixes:'];
  if (rows.length > 0) lines.push(...table([['LOCATION', 'PACKAGE', 'PINNED', 'UPGRADE TO', 'VULNERABILITIES'], ...rows]));
  for (const item of plan.notFixable) lines.push(`  ${item.name}: not rewritten (${item.reason})`);
  const upgrades = plan.entries.filter((e) => e.status === 'upgrade').length;
  lines.push(`${upgrades} upgrade${upgrades === 1 ? '' : 's'} proposed; run again with --write to apply ${upgrades === 1 ? 'it' : 'them'}.`);
  return `${lines.join('\n')}\n`;
}

/** What `--fix --write` changed in one file, one line per pin. */
export function renderApplied(path: string, changes: readonly AppliedFix[]): string {
  return changes.map((c) => `${path}:${c.line}: ${c.name} ${c.from} -> ${c.to} (${c.note})\n`).join('');
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd());
}
