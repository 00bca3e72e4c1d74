import type { TemplateAccess, TemplateAccessVia, TemplateFacts, TemplateOrigin } from '../../../../core/model-facts/template.js';
import { JinjaLimitError, JinjaSyntaxError, type JinjaNode } from './ast.js';
import { foldConstant } from './fold.js';
import { parseJinja } from './template.js';

export interface TemplateAnalysisLimits {
  /** Characters analysed; the rest is not (and the facts say so). */
  maxLength: number;
  maxTokens: number;
  maxDepth: number;
  /** Distinct accesses, calls, filters and globals recorded each. */
  maxRecorded: number;
}

export const DEFAULT_TEMPLATE_LIMITS: TemplateAnalysisLimits = { maxLength: 1024 * 1024, maxTokens: 500_000, maxDepth: 200, maxRecorded: 500 };

/** Filters whose `attribute=` argument reads that attribute of every item. */
const ATTRIBUTE_ARGUMENT_FILTERS = new Set(['map', 'selectattr', 'rejectattr', 'sort', 'groupby', 'sum', 'unique', 'min', 'max']);
/** Calls whose (second) string argument names an attribute. */
const GETATTR_CALLS: Record<string, number> = { getattr: 1, setattr: 1, hasattr: 1, delattr: 1 };
/** Methods whose first string argument names an attribute or an item. */
const NAMING_METHODS: Record<string, TemplateAccessVia> = { __getattribute__: 'getattr', __getattr__: 'getattr', get: 'subscript', pop: 'subscript', __getitem__: 'subscript' };
const STRING_BUILDING_FILTERS = new Set(['join', 'format', 'replace', 'reverse', 'string', 'lower', 'upper', 'list', 'first', 'last']);

/** Parses and analyses one template. Never throws: syntax errors and bounds become facts. */
export function analyseTemplate(text: string, origin: TemplateOrigin, limits: TemplateAnalysisLimits = DEFAULT_TEMPLATE_LIMITS): TemplateFacts {
  const facts: TemplateFacts = { origin, length: text.length, parsed: true, truncated: text.length > limits.maxLength, accesses: [], calls: [], filters: [], globals: [], formatCalls: 0 };
  const analysed = text.slice(0, limits.maxLength);
  try {
    const template = parseJinja(analysed, limits);
    new Collector(facts, limits.maxRecorded, template.bound).collect(template.expressions);
  } catch (error) {
    if (error instanceof JinjaSyntaxError && !facts.truncated) {
      facts.parsed = false;
      facts.parseError = { message: error.message, offset: error.offset };
    } else if (error instanceof JinjaSyntaxError || error instanceof JinjaLimitError) {
      facts.truncated = true;
    } else {
      facts.truncated = true;
    }
  }
  return facts;
}

class Collector {
  private readonly seenAccesses = new Set<string>();
  private readonly calls = new Set<string>();
  private readonly filters = new Set<string>();
  private readonly globals = new Set<string>();

  constructor(
    private readonly facts: TemplateFacts,
    private readonly maxRecorded: number,
    private readonly bound: ReadonlySet<string>,
  ) {}

  collect(expressions: JinjaNode[]): void {
    const stack = [...expressions].reverse();
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      this.visit(node);
      stack.push(...children(node).reverse());
    }
    this.facts.calls = [...this.calls];
    this.facts.filters = [...this.filters];
    this.facts.globals = [...this.globals];
  }

  private add(set: Set<string>, value: string): void {
    if (set.size < this.maxRecorded) set.add(value);
  }

  private access(node: JinjaNode | undefined, via: TemplateAccessVia, offset: number): void {
    const folded = node === undefined ? undefined : foldConstant(node);
    if (folded !== undefined && typeof folded.value !== 'string') return;
    if (folded === undefined && node !== undefined && via === 'subscript' && !isStringBuilding(node)) return;
    const entry: TemplateAccess = folded === undefined ? { via, resolved: false, obfuscated: false, offset } : { name: folded.value as string, via, resolved: true, obfuscated: folded.built, offset };
    const key = `${entry.name ?? ''}\u0000${via}\u0000${entry.resolved}\u0000${entry.obfuscated}`;
    if (this.seenAccesses.has(key) || this.seenAccesses.size >= this.maxRecorded) return;
    this.seenAccesses.add(key);
    this.facts.accesses.push(entry);
  }

  private visit(node: JinjaNode): void {
    switch (node.type) {
      case 'name':
        if (!this.bound.has(node.name)) this.add(this.globals, node.name);
        break;
      case 'attribute':
        this.access({ type: 'const', value: node.name, escaped: false, offset: node.offset }, 'attribute', node.offset);
        break;
      case 'subscript':
        if (node.key.type !== 'slice') this.access(node.key, 'subscript', node.offset);
        break;
      case 'filter':
        this.visitFilter(node);
        break;
      case 'call':
        this.visitCall(node);
        break;
      default:
        break;
    }
  }

  private visitFilter(node: Extract<JinjaNode, { type: 'filter' }>): void {
    this.add(this.filters, node.name);
    if (node.name === 'attr') this.access(node.args[0] ?? undefined, 'attr-filter', node.offset);
    const mapped = node.args[0] === undefined ? undefined : foldConstant(node.args[0]);
    if (['map', 'select', 'reject'].includes(node.name) && mapped?.value === 'attr') this.access(node.args[1], 'attr-filter', node.offset);
    if (ATTRIBUTE_ARGUMENT_FILTERS.has(node.name)) {
      for (const kwarg of node.kwargs) if (kwarg.name === 'attribute') this.access(kwarg.value, 'attribute-argument', node.offset);
    }
  }

  private visitCall(node: Extract<JinjaNode, { type: 'call' }>): void {
    const callee = node.callee;
    if (callee.type === 'name') {
      this.add(this.calls, callee.name);
      const position = GETATTR_CALLS[callee.name];
      if (position !== undefined) this.access(node.args[position], 'getattr', node.offset);
    } else if (callee.type === 'attribute') {
      this.add(this.calls, callee.name);
      const via = NAMING_METHODS[callee.name];
      if (via !== undefined && node.args[0] !== undefined) this.access(node.args[0], via, node.offset);
      if (callee.name === 'format' && typeof foldConstant(callee.object)?.value === 'string') this.facts.formatCalls += 1;
    }
  }
}

/** Whether a key is assembled as a string (`a ~ b`, `'x' + y`, `|join`, `chr()`), as opposed to an index or a variable. */
function isStringBuilding(node: JinjaNode, depth = 0): boolean {
  if (node.type === 'const') return typeof node.value === 'string';
  if (node.type === 'binary') {
    if (node.op === '~' || depth > 64) return node.op === '~' || node.op === '+';
    if (node.op === '%') return isStringBuilding(node.left, depth + 1);
    return node.op === '+' && (isStringBuilding(node.left, depth + 1) || isStringBuilding(node.right, depth + 1));
  }
  if (node.type === 'filter') return STRING_BUILDING_FILTERS.has(node.name);
  if (node.type === 'call') {
    const callee = node.callee;
    return (callee.type === 'name' && callee.name === 'chr') || (callee.type === 'attribute' && ['join', 'format', 'replace', 'decode'].includes(callee.name));
  }
  return false;
}

function children(node: JinjaNode): JinjaNode[] {
  switch (node.type) {
    case 'const':
    case 'name':
      return [];
    case 'attribute':
      return [node.object];
    case 'subscript':
      return [node.object, node.key];
    case 'slice':
      return node.parts.filter((part): part is JinjaNode => part !== undefined);
    case 'call':
      return [node.callee, ...node.args, ...node.kwargs.map((k) => k.value)];
    case 'filter':
      return [...(node.value ? [node.value] : []), ...node.args, ...node.kwargs.map((k) => k.value)];
    case 'test':
      return [node.value, ...node.args];
    case 'binary':
      return [node.left, node.right];
    case 'unary':
      return [node.operand];
    case 'list':
    case 'tuple':
      return node.items;
    case 'dict':
      return node.entries.flatMap((entry) => [entry.key, entry.value]);
    case 'conditional':
      return [node.test, node.then, ...(node.otherwise ? [node.otherwise] : [])];
  }
}
