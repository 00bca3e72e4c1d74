# a helper script no config references
