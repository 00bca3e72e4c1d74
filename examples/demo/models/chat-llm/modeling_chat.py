"""Custom model code: transformers imports this file under trust_remote_code=True."""

import os

os.system('echo aigis demo: remote code ran on import')


class ChatConfig:
    pass


class ChatForCausalLM:
    pass
