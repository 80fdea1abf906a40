"""The AWS CLI v1 (``awscli``) as an in-process oracle, imported without side effects.

``import awscli`` sets ``AWS_DATA_PATH`` in ``os.environ`` and puts an import
hook first on ``sys.meta_path`` (so that ``import botocore`` would find the
botocore it vendors). Both are undone at once here: the project's botocore is
imported first and stays the one in use, and no other test sees a changed
environment or import system.
"""

from __future__ import annotations

import os
import sys
from types import ModuleType

import botocore.session


def import_awscli(module: str) -> ModuleType:
    """``awscli.<module>`` (``shorthand``, ``text``, ``argprocess``), without side effects."""
    # The project's botocore is imported (above) before awscli, so it is the cached one.
    assert sys.modules["botocore.session"] is botocore.session
    saved_path = os.environ.get("AWS_DATA_PATH")
    saved_finders = list(sys.meta_path)
    try:
        __import__(f"awscli.{module}")
    finally:
        sys.meta_path[:] = saved_finders
        if saved_path is None:
            os.environ.pop("AWS_DATA_PATH", None)
        else:
            os.environ["AWS_DATA_PATH"] = saved_path
    return sys.modules[f"awscli.{module}"]
