"""Each model's constructor, as type checkers see it, agrees with its fields.

The models declare their ``__init__`` for type checkers only (see the recipe
in ``_AwsModel``), so it restates the fields; these tests fail when the two
drift apart, for every subclass of the shared base, including models added
later. The last tests show that the comparison catches each kind of drift.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

import pytest
from _typed_init import mismatches, models, typed_init
from pydantic import BaseModel, Field

from ec2_traffic_mirror import Tag, TrafficMirrorSession
from ec2_traffic_mirror._models import _AwsModel  # pyright: ignore[reportPrivateUsage]

MODELS = models()


def test_every_model_of_the_package_is_found() -> None:
    assert {Tag, TrafficMirrorSession} <= set(MODELS)
    assert all(issubclass(model, _AwsModel) for model in MODELS)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_typed_init_agrees_with_the_fields(model: type[BaseModel]) -> None:
    assert mismatches(model) == []


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_strictness_and_frozenness_are_in_the_config(model: type[BaseModel]) -> None:
    # pyrefly and the pydantic mypy plugin read strictness from the config only.
    assert model.model_config.get("strict") is True
    assert model.model_config.get("frozen") is True


def test_the_constructor_at_run_time_is_the_shared_base_s_which_validation_skips() -> None:
    # The base's __init__ checks the keywords, then runs pydantic's; validation
    # (model_validate, the listings' pages) never calls it (tests/test_model_keywords.py).
    base_init: object = vars(_AwsModel)["__init__"]
    for model in MODELS:
        assert inspect.getattr_static(model, "__init__") is base_init
        assert model.__pydantic_custom_init__ is False
        assert typed_init(model) is not None


# --- the comparison catches drift ---------------------------------------------------------


class _Good(_AwsModel, frozen=True):
    name: str
    count: int | None = None
    items: tuple[str, ...] = Field(default=(), strict=False)
    """The items."""

    if TYPE_CHECKING:

        def __init__(
            self, *, name: str, count: int | None = None, items: tuple[str, ...] = ()
        ) -> None:
            if not TYPE_CHECKING:
                self.items: tuple[str, ...]
                """The items."""


class _NoInit(_AwsModel, frozen=True):
    name: str


class _WrongType(_AwsModel, frozen=True):
    name: str
    count: int | None = None

    if TYPE_CHECKING:

        def __init__(self, *, name: str, count: str | None = None) -> None: ...


class _MissingField(_AwsModel, frozen=True):
    name: str
    count: int | None = None

    if TYPE_CHECKING:

        def __init__(self, *, name: str) -> None: ...


class _WrongDefault(_AwsModel, frozen=True):
    name: str
    count: int = 1

    if TYPE_CHECKING:

        def __init__(self, *, name: str = "", count: int = 2) -> None: ...


class _Loose(_AwsModel, frozen=True):
    name: str

    if TYPE_CHECKING:

        def __init__(self, name: str, **extra: object) -> None: ...


class _NoJediHint(_AwsModel, frozen=True):
    items: tuple[str, ...] = ()
    """The items."""

    if TYPE_CHECKING:

        def __init__(self, *, items: tuple[str, ...] = ()) -> None: ...


def test_a_correct_model_has_no_mismatch() -> None:
    assert mismatches(_Good) == []


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        (_NoInit, ["_NoInit: no __init__ under 'if TYPE_CHECKING:' in the class body"]),
        (
            _WrongType,
            ["_WrongType.__init__: count is str | None, the field is int | None"],
        ),
        (
            _MissingField,
            [
                "_MissingField.__init__: parameters ['name'] are not the fields "
                "['name', 'count'] (same names, same order)"
            ],
        ),
        (
            _WrongDefault,
            [
                "_WrongDefault.__init__: name is optional, the field is not",
                "_WrongDefault.__init__: count defaults to 2, the field to 1",
            ],
        ),
        (
            _Loose,
            [
                "_Loose.__init__: only self may be positional",
                "_Loose.__init__: no *args or **kwargs (unknown keywords are errors)",
                "_Loose.__init__: parameters [] are not the fields ['name'] "
                "(same names, same order)",
            ],
        ),
        (
            _NoJediHint,
            [
                "_NoJediHint.items: a tuple field needs Field(strict=False) (boto3 gives lists)",
                "_NoJediHint.__init__: no 'self.items: ...' under 'if not TYPE_CHECKING:' "
                "(jedi infers no item type for a tuple annotated on the class)",
            ],
        ),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else "",
)
def test_each_kind_of_drift_is_reported(model: type[BaseModel], expected: list[str]) -> None:
    assert mismatches(model) == expected


def test_the_test_models_are_not_taken_for_the_package_s() -> None:
    assert _Good not in MODELS
