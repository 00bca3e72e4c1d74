class XModel:
    def __init__(self, config):
        self.config = config
