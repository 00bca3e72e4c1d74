import type { Rule } from '../../core/check.js';

export const CHECK_ID = 'model-template';

export const TEMPLATE_RULE_IDS = {
  objectInternals: 'template-object-internals',
  dangerousName: 'template-dangerous-name',
  computedName: 'template-computed-name',
  privateAttribute: 'template-private-attribute',
  serverObject: 'template-server-object',
  analysisLimit: 'template-analysis-limit',
  syntaxError: 'template-syntax-error',
  inertPayload: 'template-inert-payload',
} as const;

export type TemplateRuleId = (typeof TEMPLATE_RULE_IDS)[keyof typeof TEMPLATE_RULE_IDS];

const CVE = 'llama-cpp-python rendered GGUF chat templates without a sandbox (CVE-2024-34359), and other runtimes may too.';

export const MODEL_TEMPLATE_RULES: readonly Rule[] = [
  {
    id: TEMPLATE_RULE_IDS.objectInternals,
    title: 'Chat template reaches Python object internals',
    severity: 'critical',
    help:
      'The Jinja template reads a dunder or name-mangled attribute (`__class__`, `__mro__`, `__subclasses__`, ' +
      '`__globals__`, `__builtins__`, `_TemplateReference__context`...), possibly spelled with escapes, concatenation ' +
      `or the attr filter. That is how a template escapes to arbitrary Python; chat templates never need it. ${CVE} ` +
      'Do not load the model with a runtime that renders the template; remove or replace the template.',
  },
  {
    id: TEMPLATE_RULE_IDS.dangerousName,
    title: 'Chat template names a process, file or code-evaluation function',
    severity: 'critical',
    help:
      'The template reads or calls `os`, `subprocess`, `popen`, `system`, `eval`, `exec`, `open`, `__import__` and ' +
      `the like: it is written to run commands or code when the chat is formatted. ${CVE} Do not load the model.`,
  },
  {
    id: TEMPLATE_RULE_IDS.computedName,
    title: 'Chat template computes attribute names at render time',
    severity: 'high',
    help:
      'An attribute or item name is built at render time (`|attr(variable)`, `getattr`, a subscript key assembled ' +
      'from pieces, `str.format` on a constant), so what the template reaches can only be known by rendering it. ' +
      'Benign chat templates index messages by constant keys. Inspect the template before using the model.',
  },
  {
    id: TEMPLATE_RULE_IDS.privateAttribute,
    title: 'Chat template reads private attributes',
    severity: 'high',
    help:
      'The template reads an attribute whose name starts with an underscore (`_module`...). Jinja\'s sandbox refuses ' +
      'these because they lead to interpreter internals; chat templates do not need them. Inspect the template.',
  },
  {
    id: TEMPLATE_RULE_IDS.serverObject,
    title: 'Chat template uses web-framework objects',
    severity: 'high',
    help:
      'The template reads `request`, `config`, `session` or similar Flask globals. Chat renderers never pass these; ' +
      'they are the classic entry points of server-side template injection. Inspect the template.',
  },
  {
    id: TEMPLATE_RULE_IDS.analysisLimit,
    title: 'Chat template not fully analysed',
    severity: 'medium',
    help:
      'The template exceeded an analysis bound (length, tokens, nesting), so part of it was not checked. It is not ' +
      'known to be clean. Inspect it by other means.',
  },
  {
    id: TEMPLATE_RULE_IDS.syntaxError,
    title: 'Chat template does not compile',
    severity: 'low',
    help:
      'jinja2 would reject this template with a syntax error, so it cannot run; chat formatting with it fails. ' +
      'Fix the template if the model is meant to be used for chat.',
  },
  {
    id: TEMPLATE_RULE_IDS.inertPayload,
    title: 'Template-like config string with dangerous constructs, not rendered on load',
    severity: 'low',
    help:
      'A configuration string that looks like a Jinja template reaches Python internals or names dangerous ' +
      'functions, but it sits under a key no known loader renders (only `chat_template` and its named variants are), ' +
      'so it does not run when the model is loaded. It may be meant for a custom pipeline: review it.',
  },
];
