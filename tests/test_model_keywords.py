"""A model's constructor refuses unknown keywords; a response's unknown members are ignored.

``extra="ignore"`` in the model config is for AWS responses, which gain
members over time. Code that builds a model itself and misspells a keyword
gets a ``TypeError`` naming the class, the keyword and the accepted names, as
a dataclass would. Validation of responses never goes through the
constructor, so the check costs the listing path nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final

import pytest
from _typed_init import models
from botocore.stub import Stubber
from pydantic import BaseModel
from resources._support import filter_item, rule_item, session_item, target_item

from ec2_traffic_mirror import (
    PortRange,
    Tag,
    TrafficMirrorFilter,
    TrafficMirrorFilterRule,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
    TrafficMirrorTarget,
    TrafficMirrorTargetRepository,
)
from ec2_traffic_mirror._models import _AwsModel  # pyright: ignore[reportPrivateUsage]

MODELS = models()

# One valid response item per model, in the boto3 (PascalCase) shape.
ITEMS: Final[dict[type[BaseModel], Mapping[str, object]]] = {
    Tag: {"Key": "Name", "Value": "web"},
    PortRange: {"FromPort": 80, "ToPort": 443},
    TrafficMirrorSession: dict(session_item(1, PacketLength=128)),
    TrafficMirrorTarget: dict(target_item(1)),
    TrafficMirrorFilterRule: dict(rule_item(1)),
    TrafficMirrorFilter: dict(filter_item(1)),
}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_every_model_has_a_sample_item() -> None:
    assert set(ITEMS) == set(MODELS)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_an_unknown_keyword_is_a_type_error_naming_the_class_keyword_and_fields(
    model: type[BaseModel],
) -> None:
    with pytest.raises(TypeError) as caught:
        model(zzz_not_a_field=1)
    message = str(caught.value)
    expected = f"{model.__name__}() got an unexpected keyword argument 'zzz_not_a_field'"
    assert message.startswith(expected)
    assert f"it takes {', '.join(model.model_fields)}" in message
    for field in model.model_fields.values():
        assert str(field.validation_alias) in message


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_keywords_of_a_valid_item_build_the_model_by_name_and_by_aws_name(
    model: type[BaseModel],
) -> None:
    item = ITEMS[model]
    by_name = {_snake(key): value for key, value in item.items()}
    expected = model.model_validate(item)
    assert model(**by_name) == expected
    assert model(**item) == expected


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_model_validate_still_ignores_members_aws_adds(model: type[BaseModel]) -> None:
    item = ITEMS[model]
    with_new_member = {**item, "SomethingAwsAddsLater": {"Nested": [1, 2]}}
    assert model.model_validate(with_new_member) == model.model_validate(item)


def test_a_misspelt_keyword_is_refused_with_a_suggestion() -> None:
    with pytest.raises(TypeError) as caught:
        TrafficMirrorSession(  # type: ignore[call-arg]
            traffic_mirror_session_id="tms-0123456789abcdef0",
            traffic_mirror_target_id="tmt-0123456789abcdef0",
            traffic_mirror_filter_id="tmf-0123456789abcdef0",
            network_interface_id="eni-0123456789abcdef0",
            owner_id="123456789012",
            session_number=1,
            packet_lenght=5,  # pyright: ignore[reportCallIssue]
        )
    assert str(caught.value) == (
        "TrafficMirrorSession() got an unexpected keyword argument 'packet_lenght'"
        " (did you mean 'packet_length'?); it takes traffic_mirror_session_id,"
        " traffic_mirror_target_id, traffic_mirror_filter_id, network_interface_id, owner_id,"
        " session_number, packet_length, virtual_network_id, description, tags"
        " (or the AWS names TrafficMirrorSessionId, TrafficMirrorTargetId,"
        " TrafficMirrorFilterId, NetworkInterfaceId, OwnerId, SessionNumber, PacketLength,"
        " VirtualNetworkId, Description, Tags)"
    )


def test_a_misspelt_aws_name_gets_the_aws_name_suggested() -> None:
    with pytest.raises(TypeError, match=r"'Vlaue' \(did you mean 'Value'\?\)"):
        Tag(key="k", Vlaue="v")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


def test_several_unknown_keywords_are_all_named() -> None:
    with pytest.raises(TypeError) as caught:
        PortRange(from_port=1, to_port=2, start=1, end=2)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    assert str(caught.value).startswith(
        "PortRange() got unexpected keyword arguments 'end', 'start'; it takes from_port, to_port"
    )


def test_positional_arguments_are_refused_as_before() -> None:
    with pytest.raises(TypeError):
        Tag("k", "v")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


def test_nothing_is_built_when_a_keyword_is_unknown() -> None:
    # The check runs before pydantic's validation: the error is the TypeError, not
    # a ValidationError about the fields that are missing or wrong.
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        Tag(key=5, colour="red")  # type: ignore[call-arg,arg-type]  # pyright: ignore[reportCallIssue]


# -- the listing path never calls the constructor --------------------------------------


@pytest.fixture
def constructor_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every call of the shared base's ``__init__`` (which every model runs), by class name."""
    calls: list[str] = []
    original: Callable[..., None] = _AwsModel.__init__

    def counting(self: BaseModel, /, **data: Any) -> None:
        calls.append(type(self).__name__)
        original(self, **data)

    monkeypatch.setattr(_AwsModel, "__init__", counting)
    return calls


def test_validation_of_responses_does_not_call_the_constructor(
    constructor_calls: list[str],
) -> None:
    for model, item in ITEMS.items():
        model.model_validate(item)
        model.model_validate_json(model.model_validate(item).model_dump_json(by_alias=True))
    assert constructor_calls == []
    Tag(key="k", value="v")  # the counter does see the constructor
    assert constructor_calls == ["Tag"]


def test_listing_pages_do_not_call_the_constructor(
    constructor_calls: list[str], repo: TrafficMirrorSessionRepository, stubber: Stubber
) -> None:
    sessions = [session_item(n, Tags=[{"Key": "k", "Value": str(n)}]) for n in range(1, 6)]
    stubber.add_response(
        "describe_traffic_mirror_sessions", {"TrafficMirrorSessions": sessions}, {}
    )
    stubber.add_response(
        "describe_traffic_mirror_targets",
        {"TrafficMirrorTargets": [target_item(n) for n in range(1, 4)]},
        {},
    )
    assert len(list(repo.find())) == 5
    targets = TrafficMirrorTargetRepository(repo.client)
    assert len(list(targets.find())) == 3
    assert constructor_calls == []
