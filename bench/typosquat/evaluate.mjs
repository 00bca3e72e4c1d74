// The two accuracy measurements of the look-alike detector over ../shared/data (see measure.mjs).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const normalize = (name) => name.replace(/[-_.]+/g, '-').toLowerCase();

/** Deterministic half split of the positives: tune on one half, report both. */
export function half(name) {
  return createHash('sha256').update(name).digest()[0] % 2 === 0 ? 'tune' : 'held-out';
}

export function loadShared(sharedDir) {
  const top = JSON.parse(readFileSync(`${sharedDir}/top-pypi-packages.json`, 'utf8')).packages.map((p) => normalize(p.name));
  const entries = JSON.parse(readFileSync(`${sharedDir}/pypi-malicious-names.json`, 'utf8')).entries;
  const positives = entries
    .filter((e) => e.lookalike_of.length > 0 && !e.compromised_legitimate_package)
    .map((e) => ({ name: e.normalized, target: e.lookalike_of[0].target }));
  const negatives = entries.filter((e) => e.lookalike_of.length === 0).map((e) => e.normalized);
  return { top, positives, negatives };
}

/** (a) Each top name checked against the others, without the "popular names are never flagged" exemption. */
export function falsePositives(index, top) {
  const flagged = [];
  top.forEach((name, i) => {
    const hit = index.find(name, i + 1);
    if (hit) flagged.push({ name, rank: i + 1, ...hit });
  });
  return flagged;
}

/** (b) Look-alike detector alone (the malicious-list hit not counted) on reported malicious look-alikes. */
export function detection(index, positives) {
  const result = { tune: { hit: 0, total: 0 }, 'held-out': { hit: 0, total: 0 }, missed: [] };
  for (const p of positives) {
    const side = result[half(p.name)];
    side.total++;
    if (index.find(p.name)) side.hit++;
    else result.missed.push(p);
  }
  return result;
}
