import { literalName, type ImportGroup } from './import-groups.js';

/** Where the pickle is, for messages: the member of an archive, or the file itself. */
export interface PickleWhere {
  path: string;
  member: string | undefined;
  stream: number;
  streamCount: number;
}

function describePickle(where: PickleWhere): string {
  const file = where.member ?? where.path;
  return where.streamCount > 1 ? `pickle #${where.stream + 1} in ${file}` : `the pickle in ${file}`;
}

function describeUse(group: ImportGroup): string {
  const { first, firstCalled } = group;
  const site = firstCalled?.callOpcode !== undefined
    ? `${firstCalled.callOpcode} at offset ${firstCalled.callOffset ?? firstCalled.offset}`
    : `${first.opcode} at offset ${first.offset}`;
  return group.count > 1 ? `${site}; ${group.count} uses` : site;
}

function aliasNote(group: ImportGroup): string {
  const literal = literalName(group.first);
  return group.verdict.qualifiedName === literal ? '' : ` (Python 3 reads it as \`${group.verdict.qualifiedName}\`)`;
}

/** A reviewer's sentence about one grouped import. */
export function importMessage(group: ImportGroup, where: PickleWhere): string {
  const name = `\`${literalName(group.first)}\`${aliasNote(group)}`;
  const pickle = describePickle(where);
  const use = describeUse(group);
  const called = group.firstCalled !== undefined;
  const module = group.first.module;
  switch (group.verdict.class) {
    case 'dangerous':
      return called
        ? `${name} is called by ${pickle} (${use}): loading this file ${group.verdict.effect ?? 'runs code'}.`
        : `${name} is imported by ${pickle} (${use}) and not called directly, but it ${group.verdict.effect ?? 'runs code'}; ` +
            'importing it runs module code and later opcodes can use it. Loading this file is not safe.';
    case 'unresolved':
      return called
        ? `${pickle[0]?.toUpperCase()}${pickle.slice(1)} imports a name computed at load time and calls it (${use}): ` +
            'what runs can only be known by running the file.'
        : `${pickle[0]?.toUpperCase()}${pickle.slice(1)} imports a name computed at load time (${use}): ` +
            'what it imports can only be known by running the file.';
    case 'user-class':
      return module === '__main__'
        ? `${name} is a class of the script that saved this file (${use} in ${where.member ?? where.path}): ` +
            'loading only works where the same class is defined, and runs that class\'s code.'
        : `${name} is a class of the project that saved this whole model (${use} in ${where.member ?? where.path}): ` +
            `loading imports \`${module}\` and runs its code, and torch.load(weights_only=True) refuses it.`;
    default:
      return called
        ? `${name} is called by ${pickle} (${use}) and is not known to be safe: loading this file imports \`${module}\` and runs it.`
        : `${name} is imported by ${pickle} (${use}) and is not known to be safe: loading this file imports \`${module}\`.`;
  }
}

/** What to do about it. */
export function importFix(group: ImportGroup): string | undefined {
  switch (group.verdict.class) {
    case 'dangerous':
    case 'unresolved':
      return 'Do not load this file. If you trust its source, load it once in an isolated environment and re-save the weights as safetensors.';
    case 'user-class':
      return 'Publish the weights as a state_dict (torch.save(model.state_dict(), path)) or as safetensors instead of the whole model.';
    case 'unknown':
      return `Find out what \`${literalName(group.first)}\` does before loading; torch.load(weights_only=True) refuses it, and re-saving as safetensors removes it.`;
    default:
      return undefined;
  }
}
