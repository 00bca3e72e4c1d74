import type { TemplateAccess, TemplateFacts } from '../../core/model-facts/template.js';
import { TEMPLATE_RULE_IDS, type TemplateRuleId } from './rules.js';

/** One reason a template is dangerous or unknown, with the names that showed it. */
export interface TemplateIssue {
  ruleId: TemplateRuleId;
  names: string[];
  obfuscated: boolean;
  offset?: number;
}

/** Names that lead from a template to processes, files or code evaluation. */
const DANGEROUS_NAMES = new Set([
  'os', 'subprocess', 'popen', 'system', 'eval', 'exec', 'execfile', 'sys', 'modules', 'builtins', 'import_module',
  'spawn', 'spawnl', 'spawnv', 'execv', 'execve', 'execl', 'check_output', 'check_call', 'getoutput', 'run_path',
  'open', 'compile', 'environ', 'popen2', 'pty', 'socket', 'urlopen', 'b64decode', 'loads', 'marshal', 'pickle', 'ctypes',
]);
const DANGEROUS_CALLS = new Set(['eval', 'exec', 'execfile', '__import__', 'open', 'compile', 'globals', 'locals', 'vars', 'breakpoint', 'input', 'system', 'popen', 'import_module']);
const NAMING_CALLS = new Set(['getattr', 'setattr', 'delattr']);
const SERVER_GLOBALS = new Set(['request', 'config', 'session', 'g', 'url_for', 'get_flashed_messages', 'current_app', 'app']);

const isDunder = (name: string): boolean => /^__.*__$/.test(name);
/** `_TemplateReference__context`: a name-mangled private attribute. */
const isMangled = (name: string): boolean => /^_[A-Za-z0-9]+__\w/.test(name);

/** Everything wrong with one template, strongest first; empty for an ordinary template. */
export function judgeTemplate(template: TemplateFacts): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const add = (ruleId: TemplateRuleId, names: string[], obfuscated = false, offset?: number): void => {
    const unique = [...new Set(names)];
    if (unique.length === 0) return;
    issues.push({ ruleId, names: unique, obfuscated, ...(offset === undefined ? {} : { offset }) });
  };
  const named = template.accesses.filter((a): a is TemplateAccess & { name: string } => a.name !== undefined);
  const internals = named.filter((a) => isDunder(a.name) || isMangled(a.name));
  add(TEMPLATE_RULE_IDS.objectInternals, internals.map(describe), internals.some((a) => a.obfuscated), internals[0]?.offset);
  const globalsInternal = template.globals.filter(isDunder);
  add(TEMPLATE_RULE_IDS.objectInternals, globalsInternal.map((name) => `global ${name}`));
  const dangerous = named.filter((a) => DANGEROUS_NAMES.has(a.name));
  add(TEMPLATE_RULE_IDS.dangerousName, [
    ...dangerous.map(describe),
    ...template.calls.filter((name) => DANGEROUS_CALLS.has(name)).map((name) => `call ${name}()`),
  ], dangerous.some((a) => a.obfuscated), dangerous[0]?.offset);
  const computed = template.accesses.filter((a) => !a.resolved);
  add(TEMPLATE_RULE_IDS.computedName, [
    ...computed.map((a) => `${a.via} with a computed name`),
    ...template.calls.filter((name) => NAMING_CALLS.has(name)).map((name) => `call ${name}()`),
    ...(template.formatCalls > 0 ? [`${template.formatCalls} str.format call(s) on constants`] : []),
  ], false, computed[0]?.offset);
  const privates = named.filter((a) => a.name.startsWith('_') && !isDunder(a.name) && !isMangled(a.name));
  add(TEMPLATE_RULE_IDS.privateAttribute, privates.map(describe), false, privates[0]?.offset);
  add(TEMPLATE_RULE_IDS.serverObject, template.globals.filter((name) => SERVER_GLOBALS.has(name)));
  if (template.truncated) add(TEMPLATE_RULE_IDS.analysisLimit, [`${template.length} characters`]);
  if (!template.parsed && template.parseError) add(TEMPLATE_RULE_IDS.syntaxError, [template.parseError.message], false, template.parseError.offset);
  return issues;
}

function describe(access: TemplateAccess & { name: string }): string {
  const spelled = access.obfuscated ? ' (spelled obfuscated)' : '';
  switch (access.via) {
    case 'attribute':
      return `.${access.name}${spelled}`;
    case 'subscript':
      return `['${access.name}']${spelled}`;
    case 'attr-filter':
      return `|attr('${access.name}')${spelled}`;
    case 'getattr':
      return `getattr(…, '${access.name}')${spelled}`;
    case 'attribute-argument':
      return `attribute='${access.name}'${spelled}`;
  }
}
