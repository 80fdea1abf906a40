"""The downstream typing matrix (``tests/typing/downstream/matrix.py``), loaded for the tests.

``tests/typing`` cannot be imported as a package (it would be ``typing``), so
the module is loaded from its file, once, under a name of its own.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

DOWNSTREAM = Path(__file__).parent / "typing" / "downstream"
_NAME = "ec2_traffic_mirror_typing_matrix"


def load() -> ModuleType:
    if _NAME in sys.modules:
        return sys.modules[_NAME]
    spec = importlib.util.spec_from_file_location(_NAME, DOWNSTREAM / "matrix.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[_NAME] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


matrix = load()
