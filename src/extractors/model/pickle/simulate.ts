import type { PickleCallOpcode, PickleImport, PickleImportOpcode } from '../../../core/model-metadata.js';
import { StreamFailure } from './failure.js';
import { Memo } from './memo.js';
import {
  type CallRef,
  type ContainerRef,
  type ContainerType,
  RefKind,
  UNKNOWN,
  type Value,
  addItems,
  container,
  isContainer,
  isRef,
} from './values.js';

/** Values and MARKs on the stack: Python has no bound, but a scanner must (a 50 MB run of NONE...). */
const MAX_STACK_DEPTH = 1 << 22;
/** Imports recorded in full; past it only new (module, name) pairs, and past twice that the stream stops. */
const IMPORTS_FULL_LIMIT = 10_000;

/**
 * The unpickler's state, modelled as CPython's C unpickler keeps it: one value stack with a stack of
 * MARK positions (the top one is the fence below which pops underflow) and a memo.
 */
export class Machine {
  readonly stack: Value[] = [];
  private readonly marks: number[] = [];
  private fence = 0;
  private readonly memo = new Memo();
  readonly imports: PickleImport[] = [];
  private readonly importKeys = new Set<string>();
  /** Offset of the opcode being simulated (absolute, with the caller's base offset). */
  opOffset = 0;
  /** Offset of the opcode being simulated, relative to the parsed source, for failures. */
  localOffset = 0;

  fail(code: StreamFailure['code'], message: string): never {
    throw new StreamFailure(code, message, this.localOffset);
  }

  push(value: Value): void {
    if (this.stack.push(value) > MAX_STACK_DEPTH) this.fail('PICKLE_LIMIT', 'the unpickling stack is too deep');
  }

  pop(): Value {
    if (this.stack.length <= this.fence) this.fail('PICKLE_STACK_UNDERFLOW', 'unpickling stack underflow');
    return this.stack.pop() as Value;
  }

  top(): Value {
    if (this.stack.length <= this.fence) this.fail('PICKLE_STACK_UNDERFLOW', 'unpickling stack underflow');
    return this.stack[this.stack.length - 1] as Value;
  }

  mark(): void {
    if (this.marks.push(this.stack.length) > MAX_STACK_DEPTH) this.fail('PICKLE_LIMIT', 'too many nested MARKs');
    this.fence = this.stack.length;
  }

  /** Pops everything above the last MARK, and the MARK. */
  popMark(): Value[] {
    const at = this.marks.pop();
    if (at === undefined) this.fail('PICKLE_STACK_UNDERFLOW', 'could not find MARK');
    this.fence = this.marks.length > 0 ? (this.marks[this.marks.length - 1] as number) : 0;
    return this.stack.splice(at);
  }

  /** POP: drops the top value, or the last MARK when nothing was pushed after it (as CPython does). */
  popValueOrMark(): void {
    // Index -1 of an empty array is a slow named-property lookup in V8: check the length first.
    if (this.marks.length > 0 && this.marks[this.marks.length - 1] === this.stack.length) this.popMark();
    else this.pop();
  }

  memoPut(key: number, value: Value): void {
    if (key < 0) this.fail('PICKLE_BAD_ARGUMENT', 'negative memo key');
    this.memo.put(key, value);
  }

  memoize(value: Value): void {
    this.memo.put(this.memo.length, value);
  }

  memoGet(key: number): Value {
    const value = this.memo.get(key);
    if (value !== undefined) return value;
    if (this.memo.lossy) return UNKNOWN;
    return this.fail('PICKLE_BAD_MEMO', `memo value not found at index ${key}`);
  }

  addImport(module: string, name: string, opcode: PickleImportOpcode, resolved: boolean): PickleImport {
    const imp: PickleImport = { module, name, opcode, offset: this.opOffset, resolved, called: false };
    if (this.imports.length < IMPORTS_FULL_LIMIT) {
      this.imports.push(imp);
      return imp;
    }
    const key = `${module}\n${name}\n${opcode}`;
    if (this.importKeys.size === 0) for (const seen of this.imports) this.importKeys.add(`${seen.module}\n${seen.name}\n${seen.opcode}`);
    if (this.importKeys.has(key)) return imp;
    if (this.imports.length >= 2 * IMPORTS_FULL_LIMIT) this.fail('PICKLE_LIMIT', 'too many distinct imports');
    this.importKeys.add(key);
    this.imports.push(imp);
    return imp;
  }

  markCalled(imp: PickleImport, opcode: PickleCallOpcode): void {
    if (imp.called) return;
    imp.called = true;
    imp.callOpcode = opcode;
    imp.callOffset = this.opOffset;
  }

  /** REDUCE, NEWOBJ, NEWOBJ_EX: calls `callable` and pushes the result. */
  call(callable: Value, args: Value, opcode: PickleCallOpcode): void {
    let origin: PickleImport | undefined;
    if (isRef(callable) && callable.kind === RefKind.Import) {
      origin = callable.imp;
      this.markCalled(origin, opcode);
    }
    const result: CallRef = { kind: RefKind.Call, origin, args };
    this.stack.push(result);
  }

  /** OBJ: MARK cls *args OBJ. A class that is not an import is recorded as an unresolved one. */
  obj(): void {
    const items = this.popMark();
    if (items.length === 0) this.fail('PICKLE_STACK_UNDERFLOW', 'OBJ without a class');
    const cls = items[0] as Value;
    let origin: PickleImport;
    if (isRef(cls) && cls.kind === RefKind.Import) origin = cls.imp;
    else origin = this.addImport('', '', 'OBJ', false);
    this.markCalled(origin, 'OBJ');
    this.stack.push({ kind: RefKind.Call, origin, args: container('tuple', items.slice(1)) });
  }

  inst(module: string, name: string): void {
    const args = this.popMark();
    const imp = this.addImport(module, name, 'INST', true);
    this.markCalled(imp, 'INST');
    this.stack.push({ kind: RefKind.Call, origin: imp, args: container('tuple', args) });
  }

  /** STACK_GLOBAL: module and name must be str; anything computed is an unresolved import. */
  stackGlobal(): void {
    const name = this.pop();
    const module = this.pop();
    const resolved = typeof module === 'string' && typeof name === 'string';
    if (!resolved && (!mayBeString(module) || !mayBeString(name))) this.fail('PICKLE_BAD_ARGUMENT', 'STACK_GLOBAL requires str');
    const imp = this.addImport(typeof module === 'string' ? module : '', typeof name === 'string' ? name : '', 'STACK_GLOBAL', resolved);
    this.stack.push({ kind: RefKind.Import, imp });
  }

  /** BUILD: sets the state of the object on top; building an import itself counts as using it. */
  build(): Value {
    const state = this.pop();
    const target = this.top();
    if (isRef(target)) {
      if (target.kind === RefKind.Import) this.markCalled(target.imp, 'BUILD');
      else if (target.kind === RefKind.Call) {
        if (target.origin) this.markCalled(target.origin, 'BUILD');
        target.state = state;
      }
    }
    return state;
  }

  makeContainer(type: ContainerType, items: Value[]): void {
    if (type === 'dict' && items.length % 2 !== 0) this.fail('PICKLE_BAD_ARGUMENT', 'odd number of items for DICT');
    this.stack.push(container(type, items));
  }

  /** APPEND(S), SETITEM(S), ADDITEMS: adds to the container below the items, which stays on the stack. */
  extendTop(items: Value[], pairs: boolean): void {
    if (pairs && items.length % 2 !== 0) this.fail('PICKLE_BAD_ARGUMENT', 'odd number of items for SETITEMS');
    const target = this.top();
    if (isContainer(target)) addItems(target as ContainerRef, items, 0, items.length);
  }
}

/** Values that Python could hold as a str at this point (constants of other types cannot). */
function mayBeString(value: Value): boolean {
  if (typeof value === 'string') return true;
  if (!isRef(value)) return false;
  if (value.kind === RefKind.Container) return false;
  if (value.kind === RefKind.Opaque) return value.type === 'unknown' || value.type === 'persistent';
  return true;
}
