import type { KerasFacts, KerasLambda, KerasReference } from '../../../core/model-facts/keras.js';
import { decodeLambdaFunction } from './lambda-function.js';

const MAX_DEPTH = 128;
const MAX_NODES = 2_000_000;
const MAX_REFERENCES = 5000;
const MAX_LAMBDAS = 200;
const MAX_MARKERS = 100;
const MAX_TEXT = 300;
/** Keras' switch that turns safe_mode off; a config has no business naming it. */
const UNSAFE_SWITCH = /enable_unsafe_deserialization/i;
const UNSAFE_KEY = /^safe_mode$|enable_unsafe_deserialization/i;
/** Classes whose `config` holds other layers: the enclosing chain is reported with a Lambda found inside. */
const CONTAINER_CLASSES = new Set(['Sequential', 'Functional', 'Model', 'TimeDistributed', 'Bidirectional', 'Wrapper']);

type Found = Pick<KerasFacts, 'lambdas' | 'references' | 'tfOps' | 'unsafeMarkers' | 'walkLimit'>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? (value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}...` : value) : undefined;
}

/**
 * Walks a Keras model config (any nesting of models, `layers`, `config`, wrappers' `layer`) and records what
 * Keras would resolve or rebuild on load: every class/module reference, Lambda functions, TFOpLambda ops and
 * references to the unsafe-deserialization switch. Bounded in depth and node count.
 */
export class ConfigWalker {
  private nodes = 0;
  private readonly handled = new WeakSet<object>();
  private readonly referenceIndex = new Map<string, KerasReference>();
  readonly found: Found = { lambdas: [], references: [], tfOps: [], unsafeMarkers: [] };

  walk(value: unknown, path = '', enclosing: string[] = [], depth = 0): void {
    if (this.found.walkLimit !== undefined) return;
    if (depth > MAX_DEPTH) return this.stop(`config nested deeper than ${MAX_DEPTH} levels at ${path || '(root)'}`);
    if (++this.nodes > MAX_NODES) return this.stop(`config has more than ${MAX_NODES} values`);
    if (typeof value === 'string') return this.marker(path, value);
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.walk(item, `${path}[${i}]`, enclosing, depth + 1));
      return;
    }
    if (!isObject(value)) return;
    const className = typeof value['class_name'] === 'string' ? value['class_name'] : undefined;
    if (className !== undefined) this.object(value, className, path, enclosing);
    const inner = className !== undefined && CONTAINER_CLASSES.has(className) ? [...enclosing, className] : enclosing;
    for (const [key, child] of Object.entries(value)) {
      if (UNSAFE_KEY.test(key)) this.marker(path, key, true);
      this.walk(child, path === '' ? key : `${path}.${key}`, inner, depth + 1);
    }
  }

  private stop(reason: string): void {
    this.found.walkLimit = reason;
  }

  private marker(path: string, value: string, isKey = false): void {
    if (!(isKey ? UNSAFE_KEY : UNSAFE_SWITCH).test(value) || this.found.unsafeMarkers.length >= MAX_MARKERS) return;
    this.found.unsafeMarkers.push({ path: isKey ? `${path}${path ? '.' : ''}${value}` : path, text: text(value) ?? '' });
  }

  private object(value: Record<string, unknown>, className: string, path: string, enclosing: string[]): void {
    this.reference(value, className, path);
    const config = isObject(value['config']) ? value['config'] : undefined;
    if (className === 'Lambda' && config !== undefined) {
      if (isObject(config['function'])) this.handled.add(config['function']);
      this.lambda('Lambda', config['function'], config, path, enclosing);
    } else if (className === '__lambda__' && !this.handled.has(value)) {
      this.lambda('__lambda__', value, config ?? {}, path, enclosing);
    } else if (className === 'TFOpLambda' && config !== undefined) {
      this.found.tfOps.push({ path, function: text(config['function']) ?? '' });
    }
    if (className !== 'Lambda' && config !== undefined && config['function_type'] === 'lambda') {
      this.lambda('function_type', config['function'], config, path, enclosing);
    }
  }

  private lambda(via: KerasLambda['via'], spec: unknown, config: Record<string, unknown>, path: string, enclosing: string[]): void {
    if (this.found.lambdas.length >= MAX_LAMBDAS) return;
    const decoded = decodeLambdaFunction(spec, config['function_type'], config['module']);
    const layerName = text(config['name']);
    this.found.lambdas.push({ path: path || '(root)', via, enclosing, ...decoded, ...(layerName === undefined ? {} : { layerName }) });
  }

  private reference(value: Record<string, unknown>, className: string, path: string): void {
    const module = text(value['module']);
    const registeredName = text(value['registered_name']);
    const key = `${module ?? ''}\u0000${className}\u0000${registeredName ?? ''}`;
    const seen = this.referenceIndex.get(key);
    if (seen !== undefined) {
      seen.count += 1;
      return;
    }
    if (this.found.references.length >= MAX_REFERENCES) return this.stop(`more than ${MAX_REFERENCES} distinct class references`);
    const reference: KerasReference = { path: path || '(root)', className: text(className) ?? '', count: 1 };
    if (module !== undefined) reference.module = module;
    if (registeredName !== undefined) reference.registeredName = registeredName;
    this.referenceIndex.set(key, reference);
    this.found.references.push(reference);
  }
}
