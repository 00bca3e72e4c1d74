#!/usr/bin/python3
"""Writes the chat-template fixtures. jinja2 is used only to *parse* templates (Environment.parse, which never
runs them) so that the expected syntax verdicts come from the real library; nothing here renders a template."""
import json
import os
import sys

sys.dont_write_bytecode = True

import jinja2
import jinja2.ext

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from real_templates import CHATML, HERMES_TOOL_USE, LLAMA3, LLAMA32_TOOLS, QWEN25, REAL_TEMPLATES  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
# transformers renders with loopcontrols (break/continue); `do` is common in other runtimes.
ENV = jinja2.Environment(extensions=[jinja2.ext.loopcontrols, jinja2.ext.do])


def parses(template):
    try:
        ENV.parse(template)
        return True
    except jinja2.TemplateSyntaxError:
        return False


def write(path, content):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    mode = 'w'
    with open(full, mode, encoding='utf-8') as f:
        f.write(content)


def tokenizer_config(template, **extra):
    config = {'add_bos_token': True, 'bos_token': '<s>', 'eos_token': '</s>', 'model_max_length': 4096, 'tokenizer_class': 'LlamaTokenizerFast'}
    config.update(extra)
    config['chat_template'] = template
    return json.dumps(config, indent=2, ensure_ascii=False) + '\n'


# Benign: real templates, in every place a hub repository or serving config keeps them.
for name, template in REAL_TEMPLATES.items():
    assert parses(template), f'{name} must parse with jinja2'
    write(f'benign/{name}/tokenizer_config.json', tokenizer_config(template))
write('benign/llama-3.2-instruct/chat_template.jinja', LLAMA32_TOOLS)
write('benign/hermes-2-pro/tokenizer_config.json', tokenizer_config([{'name': 'default', 'template': CHATML}, {'name': 'tool_use', 'template': HERMES_TOOL_USE}]))
write('benign/qwen2-vl/chat_template.json', json.dumps({'chat_template': QWEN25}, indent=2) + '\n')
write('benign/serving/vllm-config.yaml', 'model: meta-llama/Meta-Llama-3-8B-Instruct\nmax_model_len: 8192\nchat_template: |\n' + ''.join('  ' + line + '\n' for line in LLAMA3.split('\n')))
write('benign/plain/config.json', json.dumps({'architectures': ['LlamaForCausalLM'], 'hidden_size': 4096, 'note': '{{ not a template key }}'}, indent=2) + '\n')
write('benign/plain/README.template', 'Nothing Jinja-like here, only $VARIABLES.\n')

# Malicious: one technique each; never parsed, never rendered.
MALICIOUS = {
    'cve-2024-34359/tokenizer_config.json': tokenizer_config("{% for c in [].__class__.__base__.__subclasses__() %}{% if c.__name__ == 'catch_warnings' %}{{ c()._module.__builtins__['__import__']('os').system('touch /tmp/retr0reg') }}{% endif %}{% endfor %}"),
    'hex-escapes.jinja': "{{ ''|attr('\\x5f\\x5fclass\\x5f\\x5f')|attr('\\u005f\\u005fmro\\u005f\\u005f') }}\n",
    'concatenation.j2': "{% set a = '__cla' ~ 'ss__' %}{{ ()[a] }}{{ ()|attr('__ba' + 'se__') }}\n",
    'reversed.template': "{{ ()|attr('__ssalc__'|reverse) }}\n",
    'joined.jinja': "{{ ()|attr(['_','_','class','_','_']|join) }}\n",
    'percent-format.jinja': "{{ ()|attr('%s%s%s'|format('__', 'class', '__')) }}\n",
    'template-reference.jinja': "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('id').read() }}\n",
    'lipsum.json': json.dumps({'chat_template': "{{ lipsum.__globals__['os'].popen('id').read() }}"}) + '\n',
    'map-attr.jinja': "{{ [cycler]|map(attribute='__init__')|first }}\n",
    'attr-variable.jinja': "{% set n = messages[0]['content'] %}{{ messages|attr(n) }}\n",
    'named-variant/tokenizer_config.json': tokenizer_config([{'name': 'default', 'template': CHATML}, {'name': 'rag', 'template': "{{ joiner.__init__.__globals__.os.system('id') }}"}]),
    'serving.yaml': "chat_template: \"{{ namespace.__init__.__globals__.os.system('id') }}\"\n",
}
for path, content in MALICIOUS.items():
    write(f'malicious/{path}', content)

# Syntax cases: what jinja2 itself accepts or rejects, for the parser tests.
CASES = [
    '{{ x is divisibleby 3 }}', '{% for a, b in x.items() if a recursive %}{{ loop(a) }}{% endfor %}',
    '{% set ns = namespace(found=false) %}{% set ns.found = true %}{{ ns.found }}', '{{ x[1:2] }}{{ x[::2] }}{{ x[:-1] }}',
    '{% macro m(a, b=1) %}{{ a }}{% endmacro %}{{ m(1) }}', '{% call(x) m(1) %}{{ x }}{% endcall %}',
    "{{ {'a': [1, 2,], 'b': (3,)} }}", '{% raw %}{{ x }{% endraw %}', '{{- x -}}{%- if x -%}{%- endif -%}',
    '{% set x %}y{% endset %}{{ x }}', '{{ x is not none }}', '{{ "a" "b" }}', '{{ x not in y }}',
    '{% with a = 1 %}{{ a }}{% endwith %}', '{% filter upper %}x{% endfilter %}', '{{ (1, 2) }}{{ () }}',
    '{{ f(*args, **kw) }}', '{{ x.1 }}', '{{ a if b }}', '{{ a if b else c }}', '{% for x in y %}{% break %}{% continue %}{% endfor %}',
    '{% do x.append(1) %}', '{{ x|default("a")|e }}', "{{ '\\x5f\\u005f\\n\\'' }}", '{# comment #}{{ x }}', '{{ x ~ y ~ 1 }}',
    '{{ not not x }}', '{{ -x ** 2 }}', '{{ x // 2 % 3 }}', '{% if a %}{% elif b %}{% else %}{% endif %}', "{{ x|join(', ') }}",
    '{% include "a.html" ignore missing without context %}', '{% import "m.html" as m %}', '{% from "m.html" import a as b, c %}',
    '{{ x is sameas false }}', '{{ x is defined and y is not defined }}', "{{ {'a': 1}['a'] }}", '{{ [1,2][0] }}{{ x[0][1] }}',
    # Rejected by jinja2.
    '{% if x %}', '{% endfor %}', '{{ x | }}', '{% foo %}', "{{ 'unterminated }}", '{# x', '{{ }}', '{% for %}{% endfor %}',
    '{{ x ]] }}', '{% else %}', '{% if x %}{% endfor %}', '{{ x is }}', '{{ a b }}', '{% set %}', '{{ x. }}', '{{ (1, }}',
    '{% macro m(a %}{% endmacro %}', '{{ f(a=1, ) }}', '{{ x if }}',
]
write('syntax/cases.json', json.dumps([{'template': t, 'jinja2': parses(t)} for t in CASES], indent=1) + '\n')
print('wrote fixtures under', HERE)
