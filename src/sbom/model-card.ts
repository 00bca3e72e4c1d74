import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { load as loadYaml, JSON_SCHEMA } from 'js-yaml';
import { z } from 'zod';
import type { ModelCardFacts } from './model.js';

const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_README_BYTES = 256 * 1024;
const MAX_FRONT_MATTER_CHARS = 64 * 1024;
const MAX_LIST = 50;
const MAX_TEXT = 200;

const text = z.string().min(1).max(MAX_TEXT);
/** A card field written either as one string or as a list of strings; other shapes are ignored. */
const stringOrList = z
  .union([text, z.array(z.unknown()).max(1000)])
  .transform((value) => (typeof value === 'string' ? [value] : value.filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT)).slice(0, MAX_LIST))
  .catch([]);
const optionalText = text.optional().catch(undefined);

const configSchema = z.object({
  architectures: stringOrList.optional(),
  model_type: optionalText,
  pipeline_tag: optionalText,
});

const frontMatterSchema = z.object({
  license: z.union([text, z.array(text).max(MAX_LIST)]).optional().catch(undefined),
  datasets: stringOrList.optional(),
  base_model: stringOrList.optional(),
  pipeline_tag: optionalText,
  language: stringOrList.optional(),
  tags: stringOrList.optional(),
  library_name: optionalText,
});

/** Reads at most `limit` bytes of a file as UTF-8; undefined when it is missing, unreadable or larger. */
function readBounded(absolutePath: string, limit: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(absolutePath, 'r');
    const size = fstatSync(fd).size;
    if (size > limit) return undefined;
    const buffer = Buffer.alloc(size);
    const read = readSync(fd, buffer, 0, size, 0);
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The YAML between a leading `---` line and the next `---` line of a model card, parsed as plain data. */
export function parseFrontMatter(readme: string): z.infer<typeof frontMatterSchema> | undefined {
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(readme.slice(0, MAX_FRONT_MATTER_CHARS + 16));
  if (!match) return undefined;
  let data: unknown;
  try {
    // JSON_SCHEMA: no custom tags, no dates, no merge keys; nothing but strings, numbers, lists and maps.
    data = loadYaml(match[1]!, { schema: JSON_SCHEMA, json: true });
  } catch {
    return undefined;
  }
  const parsed = frontMatterSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

export function parseModelConfig(json: string): z.infer<typeof configSchema> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = configSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** What config.json and README.md of a model folder say; undefined when neither says anything. */
export function readModelCard(configPath: string | undefined, readmePath: string | undefined): ModelCardFacts | undefined {
  const configText = configPath === undefined ? undefined : readBounded(configPath, MAX_CONFIG_BYTES);
  const readmeText = readmePath === undefined ? undefined : readBounded(readmePath, MAX_README_BYTES);
  const config = configText === undefined ? undefined : parseModelConfig(configText);
  const front = readmeText === undefined ? undefined : parseFrontMatter(readmeText);
  if (!config && !front) return undefined;
  return cardFrom(config, front);
}

export function cardFrom(config: z.infer<typeof configSchema> | undefined, front: z.infer<typeof frontMatterSchema> | undefined): ModelCardFacts {
  const license = front?.license === undefined ? undefined : Array.isArray(front.license) ? front.license.join(' OR ') : front.license;
  const task = front?.pipeline_tag ?? config?.pipeline_tag;
  return {
    architectures: config?.architectures ?? [],
    datasets: front?.datasets ?? [],
    baseModels: front?.base_model ?? [],
    languages: front?.language ?? [],
    tags: front?.tags ?? [],
    ...(config?.model_type === undefined ? {} : { modelType: config.model_type }),
    ...(task === undefined ? {} : { task }),
    ...(license === undefined ? {} : { license }),
    ...(front?.library_name === undefined ? {} : { libraryName: front.library_name }),
  };
}
