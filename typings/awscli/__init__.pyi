# Stubs for the part of awscli (the AWS CLI v1, a test-only dependency) that the
# differential tests use. awscli ships no types; see typings/jedi for the setup.
__version__: str
