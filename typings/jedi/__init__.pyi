# Stubs for the part of jedi the completion tests use. jedi ships no types;
# this stub path (typings/) is read by pyright by default and by mypy through
# mypy_path, and is never part of the wheel.
from pathlib import Path

from jedi import settings as settings

class InterpreterEnvironment:
    def __init__(self) -> None: ...

class BaseName:
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def module_name(self) -> str: ...
    def docstring(self, raw: bool = False, fast: bool = True) -> str: ...

class Completion(BaseName):
    @property
    def complete(self) -> str | None: ...

class Name(BaseName): ...

class ParamName(Name):
    def to_string(self) -> str: ...

class Signature(BaseName):
    @property
    def params(self) -> list[ParamName]: ...
    @property
    def index(self) -> int | None: ...
    def to_string(self) -> str: ...

class Script:
    def __init__(
        self,
        code: str | None = None,
        *,
        path: str | Path | None = None,
        environment: InterpreterEnvironment | None = None,
    ) -> None: ...
    def complete(
        self, line: int | None = None, column: int | None = None, *, fuzzy: bool = False
    ) -> list[Completion]: ...
    def get_signatures(
        self, line: int | None = None, column: int | None = None
    ) -> list[Signature]: ...
    def help(self, line: int | None = None, column: int | None = None) -> list[BaseName]: ...
    def infer(
        self,
        line: int | None = None,
        column: int | None = None,
        *,
        only_stubs: bool = False,
        prefer_stubs: bool = False,
    ) -> list[Name]: ...
