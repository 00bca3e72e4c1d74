/**
 * What the chat-template analysis records about one Jinja template (filled in by model/chat-template and
 * model/gguf). Checks judge these facts; nothing here is a verdict.
 */

/** How a name was reached: `x.name`, `x['name']`, `x|attr('name')`, `getattr(x, 'name')`, `map(attribute='name')`. */
export type TemplateAccessVia = 'attribute' | 'subscript' | 'attr-filter' | 'getattr' | 'attribute-argument';

/** One attribute or item the template reads. `name` is the folded constant; absent when it cannot be known statically. */
export interface TemplateAccess {
  name?: string;
  via: TemplateAccessVia;
  /** False when the name is computed at render time (a variable, an expression that does not fold). */
  resolved: boolean;
  /** True when the name was built from pieces or escapes (`'__cla' ~ 'ss__'`, `'\x5f\x5f'`, `|reverse`). */
  obfuscated: boolean;
  /** Character offset of the expression in the template text. */
  offset: number;
}

export interface TemplateParseError {
  message: string;
  offset: number;
}

/** Where a template came from, and whether a known loader renders it. */
export interface TemplateOrigin {
  /** The key (`chat_template`, `chat_template[tool_use]`, `tokenizer.chat_template.rag`) or `''` for a template file. */
  key: string;
  /**
   * True when a known loader renders it (transformers' `chat_template`, llama.cpp's `tokenizer.chat_template*`,
   * a standalone template file); false for other config strings that merely look like templates.
   */
  rendered: boolean;
}

export interface TemplateFacts {
  origin: TemplateOrigin;
  /** Length of the template text in characters. */
  length: number;
  /** False when jinja2 would refuse to compile it (see `parseError`). */
  parsed: boolean;
  parseError?: TemplateParseError;
  /** True when a bound (length, node count, nesting) stopped the analysis; what follows was not analysed. */
  truncated: boolean;
  /** Attribute and item accesses with string names (numeric indexes are not recorded), first occurrence of each. */
  accesses: TemplateAccess[];
  /** Names of called functions and methods (`raise_exception`, `strip`, `popen`). */
  calls: string[];
  /** Filters used (`tojson`, `trim`, `attr`). */
  filters: string[];
  /** Free names the template reads that it does not assign itself (`messages`, `cycler`, `request`). */
  globals: string[];
  /** `.format(...)` calls on string constants (a way to build names at render time). */
  formatCalls: number;
}
