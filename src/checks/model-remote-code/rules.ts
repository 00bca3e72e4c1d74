import type { Rule } from '../../core/check.js';

export const CHECK_ID = 'model-remote-code';

export const RULE_IDS = {
  localModule: 'remote-code-module',
  otherRepository: 'remote-code-other-repository',
  missingModule: 'remote-code-missing-module',
  unreferencedPython: 'model-folder-python-file',
  shellCommand: 'config-shell-command',
  secret: 'config-secret',
} as const;

export type ModelRemoteCodeRuleId = (typeof RULE_IDS)[keyof typeof RULE_IDS];

const TRUST = 'transformers imports it only with trust_remote_code=True, but many loading scripts pass that flag.';

export const MODEL_REMOTE_CODE_RULES: readonly Rule[] = [
  {
    id: RULE_IDS.localModule,
    title: 'Model config imports Python code from the model folder',
    severity: 'high',
    help:
      `An auto_map or custom_pipelines entry of the config names a class in a .py file shipped with the model. ` +
      `Loading the model imports that file, which runs any code in it with your privileges. ${TRUST} Read the ` +
      'module (and everything it imports) before loading, or load with trust_remote_code=False and a class from ' +
      'an installed, reviewed library.',
  },
  {
    id: RULE_IDS.otherRepository,
    title: 'Model config imports code from another repository',
    severity: 'high',
    help:
      'An auto_map entry has the form "repo--module.Class": loading the model downloads module.py from that other ' +
      `Hugging Face repository and imports it. That code was not part of what was scanned and can change at any time. ${TRUST} ` +
      'Pin the code repository to a reviewed revision (code_revision) or do not trust remote code.',
  },
  {
    id: RULE_IDS.missingModule,
    title: 'Model config references a code module that is missing',
    severity: 'medium',
    help:
      'An auto_map or custom_pipelines entry names a module file that is not in the folder. With trust_remote_code, ' +
      'transformers fetches it from the model repository at load time, so code that nobody scanned would run. ' +
      'Download the complete model, including its .py files, and scan it again.',
  },
  {
    id: RULE_IDS.unreferencedPython,
    title: 'Python file in a model folder',
    severity: 'low',
    help:
      'The model folder contains a .py file that no config references. transformers does not import it, but ' +
      'scripts and other tools may; it is listed so that it is reviewed before anything runs it.',
  },
  {
    id: RULE_IDS.shellCommand,
    title: 'Model config holds a destructive shell command',
    severity: 'high',
    help:
      'A value of the model configuration is a shell command that deletes files, pipes a download into a shell, ' +
      'opens a reverse shell or wipes a disk. aigis never runs it, and transformers does not either, but any tool ' +
      'or script that reads the config and passes the value to a shell would. A legitimate model has no reason to ' +
      'ship one: treat the model as tampered with.',
  },
  {
    id: RULE_IDS.secret,
    title: 'Model config holds a credential',
    severity: 'high',
    help:
      'A value of the model configuration looks like a live credential (an OpenAI, AWS, Hugging Face or GitHub ' +
      'key, or a private key). aigis never uses it, but it has leaked to everyone who downloads the model, and a ' +
      'tool or script that reads the config may use it. Revoke the credential and remove it from the file and ' +
      'its history.',
  },
];
