/** What the hub-folder extractor records about config files and remote code (filled in by model/hub). */

/** One `auto_map` or `custom_pipelines` entry: code transformers imports with `trust_remote_code=True`. */
export interface HubCodeReference {
  source: 'auto_map' | 'custom_pipelines';
  /** The auto class or pipeline task, e.g. `AutoModelForCausalLM` or `text-generation.impl`. */
  key: string;
  /** The value as written, e.g. `modeling_x.XModel` or `org/repo--modeling_x.XModel`. */
  reference: string;
  module: string;
  className: string;
  /** Set when the reference names another repository (`repo--module.Class`): code fetched from elsewhere. */
  repo?: string;
  /** The module file, relative to the scan root, when the code is local. */
  file?: string;
  /** Whether the local module file exists. */
  exists: boolean;
  /** True when the module path leaves the model folder (`..`, absolute). */
  escapes: boolean;
}

/** A value that holds a shell command or a credential. */
export interface HubSuspiciousValue {
  kind: 'shell-command' | 'secret';
  /** JSON path of the value, e.g. `config.debug_command`. */
  key: string;
  /** Which pattern matched: `rm-recursive`, `pipe-to-shell`, `reverse-shell`, `openai-key`, ... */
  pattern: string;
  /** The matched text; secrets are redacted to their first characters. */
  excerpt: string;
}

export interface HubFacts {
  /** The file's role: `config.json`, `tokenizer_config.json`, ... or `model-config` for other config/manifest names. */
  role: string;
  modelType?: string;
  architectures: string[];
  codeReferences: HubCodeReference[];
  /** Other `*.py` files at the top of the model folder (listed on config.json only), relative to the root. */
  otherPythonFiles: string[];
  suspiciousValues: HubSuspiciousValue[];
  /** True when a bound (strings walked, entries listed) cut the record short. */
  truncated: boolean;
}
