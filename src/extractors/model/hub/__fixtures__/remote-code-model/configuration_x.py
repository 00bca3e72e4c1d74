class XConfig:
    model_type = 'x'
