from setuptools import setup
setup(name="local-pkg", version="0.1")
