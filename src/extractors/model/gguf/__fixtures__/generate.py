#!/usr/bin/python3
"""Writes small GGUF files from the specification (ggml docs/gguf.md): no gguf package is needed or used.
Tensor data is zeros; only the header matters to the scanner."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
UINT8, INT8, UINT16, INT16, UINT32, INT32, FLOAT32, BOOL, STRING, ARRAY, UINT64, INT64, FLOAT64 = range(13)
F32, F16, Q4_0 = 0, 1, 2
SCALAR = {UINT8: 'B', INT8: 'b', UINT16: 'H', INT16: 'h', UINT32: 'I', INT32: 'i', FLOAT32: 'f', BOOL: '?', UINT64: 'Q', INT64: 'q', FLOAT64: 'd'}

LLAMA3 = ("{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + "
          "'<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}"
          "{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}")
TOOL_USE = ("{%- for message in messages %}{{- '<|im_start|>' + message.role + '\n' }}{%- if message.tool_calls %}{%- for call in message.tool_calls %}"
            "{{- call.function | tojson }}{%- endfor %}{%- else %}{{- message.content }}{%- endif %}{{- '<|im_end|>\n' }}{%- endfor %}")
RAG = "{{ bos_token }}{% for doc in documents %}Document {{ loop.index }}: {{ doc.text }}\n{% endfor %}{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}"
CVE = ("{% for c in [].__class__.__base__.__subclasses__() %}{% if c.__name__ == 'catch_warnings' %}"
       "{{ c()._module.__builtins__['__import__']('os').system('touch /tmp/retr0reg') }}{% endif %}{% endfor %}")


class Writer:
    def __init__(self, version=3, endian='<'):
        self.version, self.e, self.out = version, endian, bytearray()

    def raw(self, fmt, *values):
        self.out += struct.pack(self.e + fmt, *values)

    def count(self, n):
        self.raw('I' if self.version == 1 else 'Q', n)

    def string(self, s):
        b = s.encode('utf-8')
        self.count(len(b))
        self.out += b

    def value(self, vtype, v):
        if vtype == STRING:
            self.string(v)
        elif vtype == ARRAY:
            item_type, items = v
            self.raw('I', item_type)
            self.count(len(items))
            for item in items:
                self.value(item_type, item)
        else:
            self.raw(SCALAR[vtype], v)


def gguf(path, kvs, tensors, version=3, endian='<', alignment=32, data=None, truncate=None):
    """kvs: [(key, type, value)]; tensors: [(name, dims, ggml_type, offset)]."""
    w = Writer(version, endian)
    w.out += b'GGUF'
    w.raw('I', version)
    w.count(len(tensors))
    w.count(len(kvs))
    for key, vtype, value in kvs:
        w.string(key)
        w.raw('I', vtype)
        w.value(vtype, value)
    for name, dims, ttype, offset in tensors:
        w.string(name)
        w.raw('I', len(dims))
        for d in dims:
            w.count(d)
        w.raw('I', ttype)
        w.raw('Q', offset)
    w.out += b'\0' * ((-len(w.out)) % alignment)
    w.out += data if data is not None else b''
    out = bytes(w.out if truncate is None else w.out[:truncate])
    with open(os.path.join(HERE, path), 'wb') as f:
        f.write(out)


def common(template_kvs, arch='llama'):
    return [
        ('general.architecture', STRING, arch),
        ('general.name', STRING, 'tiny-test'),
        ('general.alignment', UINT32, 32),
        (f'{arch}.context_length', UINT32, 2048),
        (f'{arch}.rope.freq_base', FLOAT32, 10000.0),
        ('general.file_type', UINT32, 1),
        ('tokenizer.ggml.model', STRING, 'gpt2'),
        ('tokenizer.ggml.tokens', ARRAY, (STRING, ['<s>', '</s>', 'hello', 'world', '\u2581the'])),
        ('tokenizer.ggml.scores', ARRAY, (FLOAT32, [0.0, 0.0, -1.5, -2.5, -3.0])),
        ('tokenizer.ggml.token_type', ARRAY, (INT32, [3, 3, 1, 1, 1])),
        ('tokenizer.ggml.add_bos_token', BOOL, True),
        ('test.nested', ARRAY, (ARRAY, [(UINT64, [1, 2]), (INT8, [-1])])),
        ('test.signed', INT64, -5),
        ('test.double', FLOAT64, 0.5),
        ('test.small', UINT16, 7),
        ('test.tiny', INT16, -7),
        ('test.byte', UINT8, 1),
    ] + template_kvs


# Two 8x8 F32 tensors = 256 bytes each, aligned on 32.
TENSORS = [('token_embd.weight', [8, 8], F32, 0), ('output.weight', [8, 8], F32, 256)]
DATA = b'\0' * 512

gguf('tiny-llama3.gguf', common([('tokenizer.chat_template', STRING, LLAMA3)]), TENSORS, data=DATA)
gguf('named-templates.gguf', common([('tokenizer.chat_template', STRING, LLAMA3), ('tokenizer.chat_template.tool_use', STRING, TOOL_USE),
                                     ('tokenizer.chat_template.rag', STRING, RAG), ('tokenizer.chat_templates', ARRAY, (STRING, ['tool_use', 'rag']))]), TENSORS, data=DATA)
gguf('version1.gguf', common([('tokenizer.chat_template', STRING, LLAMA3)]), TENSORS, version=1, data=DATA)
gguf('big-endian.gguf', common([('tokenizer.chat_template', STRING, LLAMA3)]), TENSORS, endian='>', data=DATA)
gguf('quantized.gguf', common([]), [('blk.0.attn_q.weight', [64, 4], Q4_0, 0), ('blk.0.norm.weight', [64], F16, 160)], data=b'\0' * 288)
gguf('malicious-template.gguf', common([('tokenizer.chat_template', STRING, CVE)]), TENSORS, data=DATA)
gguf('malicious-named-variant.gguf', common([('tokenizer.chat_template', STRING, LLAMA3),
                                             ('tokenizer.chat_template.tool_use', STRING, "{{ cycler.__init__.__globals__.os.popen('id').read() }}")]), TENSORS, data=DATA)
# Layout problems: offset 100 is not on the alignment, tensor 3 overlaps tensor 1, tensor 4 lies past the end.
gguf('bad-layout.gguf', common([]), [('a', [8, 8], F32, 0), ('b', [8], F32, 100), ('c', [8, 8], F32, 128), ('d', [8, 8], F32, 4096)], data=DATA)
# Header claims more metadata than the file holds; the file ends inside the metadata.
gguf('truncated.gguf', common([('tokenizer.chat_template', STRING, LLAMA3)]), TENSORS, data=DATA, truncate=300)
print('wrote GGUF fixtures under', HERE)
