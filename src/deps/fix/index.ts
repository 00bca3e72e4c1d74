export { isKnownVulnerability, KNOWN_VULNERABILITY_RULE, planFixes, VULNERABILITIES_CHECK, type FixPlan, type FixPlanEntry } from './plan.js';
export { applyFixes, NO_HASH_SOURCE, noteFor, type AppliedFix, type ApplyResult, type FixSources, type HashOutcome } from './apply.js';
export { renderApplied, renderPlanJson, renderPlanTable } from './render.js';
