"""Failures that are not AWS error responses are in the error tree too; reprs show no secrets.

No credentials, no region, an endpoint that is closed or times out, botocore's
own parameter validation: each comes out as a `ClientSideError` subclass with
botocore's exception as the cause, and, when it interrupts a listing, with a
resume token from which the listing goes on exactly.
"""

from __future__ import annotations

import contextlib
import logging
import socket
from collections.abc import Callable, Generator
from typing import Any, Final, cast
from urllib.parse import quote

import botocore.session
import pytest
from botocore.awsrequest import AWSResponse, HTTPHeaders
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ConnectTimeoutError,
    EndpointConnectionError,
    InvalidRegionError,
    NoCredentialsError,
    NoRegionError,
    ParamValidationError,
    PartialCredentialsError,
    ReadTimeoutError,
    UnknownServiceError,
)
from botocore.stub import Stubber
from mypy_boto3_ec2 import EC2Client

from ec2_traffic_mirror import (
    AwsApiError,
    ClientSideError,
    CredentialsError,
    EndpointError,
    Fleet,
    ParameterValidationError,
    QueryError,
    RegionError,
    RequestTimeoutError,
    Scope,
    SessionQuery,
    TrafficMirror,
    TrafficMirrorError,
    TrafficMirrorFilterRepository,
    TrafficMirrorSessionRepository,
    TrafficMirrorTargetRepository,
)
from ec2_traffic_mirror._errors import call_aws, error_from_botocore

URL: Final = "https://ec2.us-east-1.amazonaws.com/"
SECRET: Final = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETzKEY"
URL_PASSWORD: Final = "pa55-in-the-url"
ACCESS_KEY: Final = "AKIAIOSFODNN7EXAMPLE"


def sid(number: int) -> str:
    return f"tms-{number:017x}"


def session(number: int) -> dict[str, Any]:
    return {
        "TrafficMirrorSessionId": sid(number),
        "TrafficMirrorTargetId": "tmt-0123456789abcdef0",
        "TrafficMirrorFilterId": "tmf-0123456789abcdef0",
        "NetworkInterfaceId": "eni-0123456789abcdef0",
        "OwnerId": "123456789012",
        "SessionNumber": 1,
        "Tags": [],
    }


@contextlib.contextmanager
def closed_port() -> Generator[int, None, None]:
    """A local port nothing listens on, for as long as the context lasts.

    It stays bound by a socket that never listens: a connection to it is
    refused, and no other test or process can take the port meanwhile (a port
    merely bound and closed again could be handed to another server at once).
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        yield port


# -- the tree ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "cls"),
    [
        (NoCredentialsError(), CredentialsError),
        (PartialCredentialsError(provider="env", cred_var="AWS_SESSION_TOKEN"), CredentialsError),
        (NoRegionError(), RegionError),
        (InvalidRegionError(region_name="not a region"), RegionError),
        (EndpointConnectionError(endpoint_url=URL), EndpointError),
        (ConnectTimeoutError(endpoint_url=URL), RequestTimeoutError),
        (ReadTimeoutError(endpoint_url=URL), RequestTimeoutError),
        (ParamValidationError(report="Invalid type for MaxResults"), ParameterValidationError),
        (UnknownServiceError(service_name="ec3", known_service_names="ec2"), ClientSideError),
    ],
)  # fmt: skip
def test_each_botocore_failure_maps_into_the_tree_with_its_cause(
    error: BotoCoreError, cls: type[ClientSideError]
) -> None:
    def fail() -> None:
        raise error

    with pytest.raises(cls) as caught:
        call_aws("DescribeTrafficMirrorTargets", fail, resume_token=lambda: "token-9")
    mapped = caught.value
    assert type(mapped) is cls
    assert isinstance(mapped, TrafficMirrorError)
    assert not isinstance(mapped, AwsApiError)
    assert mapped.__cause__ is error
    assert mapped.operation == "DescribeTrafficMirrorTargets"
    assert mapped.resume_token == "token-9"
    assert str(error).split()[0] in str(mapped)
    assert str(mapped).endswith("(in DescribeTrafficMirrorTargets)")
    assert issubclass(RequestTimeoutError, EndpointError)
    assert error_from_botocore(error).resume_token is None


def test_no_credentials_is_a_credentials_error_for_every_call(
    monkeypatch: pytest.MonkeyPatch, botocore_session: botocore.session.Session
) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):  # fmt: skip  # noqa: E501
        monkeypatch.delenv(name, raising=False)
    client = cast(
        "EC2Client", botocore.session.Session().create_client("ec2", region_name="us-east-1")
    )
    repo = TrafficMirrorSessionRepository(client)
    listing = repo.find()
    with pytest.raises(CredentialsError) as caught:
        next(listing)
    assert isinstance(caught.value.__cause__, NoCredentialsError)
    assert caught.value.resume_token == listing.resume_token
    assert caught.value.resume_token is not None
    with pytest.raises(CredentialsError):
        repo.get(sid(1))
    with pytest.raises(CredentialsError):
        repo.can_describe()
    with pytest.raises(CredentialsError):
        TrafficMirrorTargetRepository(client).delete("tmt-0123456789abcdef0")


def test_no_region_and_a_bad_region_are_region_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    monkeypatch.delenv("AWS_REGION")
    with pytest.raises(RegionError) as caught:
        TrafficMirrorSessionRepository.connect()
    assert isinstance(caught.value.__cause__, NoRegionError)
    with pytest.raises(RegionError) as bad:
        TrafficMirror.connect(region_name="not a region!")
    assert isinstance(bad.value.__cause__, InvalidRegionError)


@pytest.mark.timing_sensitive
def test_a_closed_endpoint_is_an_endpoint_error_with_the_listing_s_token() -> None:
    with closed_port() as port:
        repo = TrafficMirrorTargetRepository.connect(
            region_name="us-east-1",
            endpoint_url=f"http://127.0.0.1:{port}",
            config=Config(retries={"total_max_attempts": 1}, connect_timeout=2),
        )
        listing = repo.find()
        with pytest.raises(EndpointError) as caught:
            next(listing)
    assert isinstance(caught.value.__cause__, EndpointConnectionError)
    assert caught.value.operation == "DescribeTrafficMirrorTargets"
    assert caught.value.resume_token == listing.resume_token


@pytest.mark.timing_sensitive
def test_a_listing_cut_by_a_closed_endpoint_resumes_exactly_from_the_error_s_token() -> None:
    """A real server goes away mid-listing: its port closed, nothing faked in botocore."""
    from ec2_traffic_mirror.testing import mock_traffic_mirror
    from ec2_traffic_mirror.testing._server import listening

    config = Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=30)
    query = SessionQuery().page_size(5)
    with mock_traffic_mirror() as fake:
        ids = fake.seed_sessions(12)
        got: list[str] = []
        with listening() as (host, port):
            url = f"http://{host}:{port}"
            listing = TrafficMirrorSessionRepository.connect(
                region_name="us-east-1", endpoint_url=url, config=config
            ).find(query)
            got += [next(listing).traffic_mirror_session_id for _ in range(7)]  # two pages
        got += [next(listing).traffic_mirror_session_id for _ in range(3)]  # page two's rest
        # The server has stopped and its socket is closed: page three cannot be fetched.
        with pytest.raises(EndpointError) as caught:
            next(listing)
        assert got == ids[:10]
        assert isinstance(caught.value.__cause__, EndpointConnectionError)
        assert url in str(caught.value)
        token = caught.value.resume_token
        assert token is not None
        assert token == listing.resume_token
        with listening() as (host, port):  # the endpoint is back (on another port)
            rest = TrafficMirrorSessionRepository.connect(
                region_name="us-east-1", endpoint_url=f"http://{host}:{port}", config=config
            ).find(query.starting_token(token))
            assert [session.traffic_mirror_session_id for session in rest] == ids[10:]


class _Network:
    """botocore's ``before-send``: answers from canned pages, or fails like a network would."""

    def __init__(self, pages: list[str], fail_at: int, error: Callable[[], BotoCoreError]) -> None:
        self.pages = pages
        self.fail_at = fail_at
        self.error = error
        self.sent = 0

    def __call__(self, request: Any, **_: Any) -> AWSResponse:
        self.sent += 1
        if self.sent == self.fail_at:
            raise self.error()
        sent = request.body if isinstance(request.body, str) else request.body.decode()
        body = self.pages[int(sent.split("NextToken=p")[1][:1]) if "NextToken" in sent else 0]
        return AWSResponse(request.url, 200, HTTPHeaders(), _Raw(body.encode()))


class _Raw:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: object) -> Any:
        yield self._body


def _page(numbers: range, next_token: str | None) -> str:
    items = "".join(
        f"<item><trafficMirrorSessionId>{sid(n)}</trafficMirrorSessionId>"
        "<trafficMirrorTargetId>tmt-0123456789abcdef0</trafficMirrorTargetId>"
        "<trafficMirrorFilterId>tmf-0123456789abcdef0</trafficMirrorFilterId>"
        "<networkInterfaceId>eni-0123456789abcdef0</networkInterfaceId>"
        "<ownerId>123456789012</ownerId><sessionNumber>1</sessionNumber><tagSet/></item>"
        for n in numbers
    )
    token = f"<nextToken>{next_token}</nextToken>" if next_token else ""
    return (
        '<DescribeTrafficMirrorSessionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'
        f"<requestId>r</requestId><trafficMirrorSessionSet>{items}</trafficMirrorSessionSet>"
        f"{token}</DescribeTrafficMirrorSessionsResponse>"
    )


@pytest.mark.parametrize(
    ("error", "cls"),
    [
        (lambda: EndpointConnectionError(endpoint_url=URL), EndpointError),
        (lambda: ReadTimeoutError(endpoint_url=URL), RequestTimeoutError),
        (lambda: ConnectTimeoutError(endpoint_url=URL), RequestTimeoutError),
    ],
)
def test_a_listing_cut_by_the_network_resumes_exactly_from_the_error_s_token(
    botocore_session: botocore.session.Session,
    error: Callable[[], BotoCoreError],
    cls: type[EndpointError],
) -> None:
    pages = [_page(range(5), "p1"), _page(range(5, 10), "p2"), _page(range(10, 12), None)]
    client = cast(
        "EC2Client",
        botocore_session.create_client(
            "ec2", region_name="us-east-1", config=Config(retries={"total_max_attempts": 1})
        ),
    )
    network = _Network(pages, fail_at=2, error=error)
    # A before-send handler that answers stands in for the network (as botocore's Stubber does).
    client.meta.events.register(
        "before-send.ec2.DescribeTrafficMirrorSessions", cast("Any", network)
    )
    repo = TrafficMirrorSessionRepository(client)
    listing = repo.find(SessionQuery().page_size(5))
    got = [next(listing) for _ in range(5)]
    with pytest.raises(cls) as caught:
        next(listing)
    token = caught.value.resume_token
    assert token is not None
    assert token == listing.resume_token
    rest = list(repo.find(SessionQuery().page_size(5).starting_token(token)))
    assert [s.traffic_mirror_session_id for s in got + rest] == [sid(n) for n in range(12)]


def test_botocore_s_parameter_validation_is_a_parameter_validation_error(
    client: EC2Client,
) -> None:
    with pytest.raises(ParameterValidationError) as caught:
        call_aws(
            "DescribeTrafficMirrorSessions",
            lambda: client.describe_traffic_mirror_sessions(MaxResults=cast("int", "five")),
        )
    assert isinstance(caught.value.__cause__, ParamValidationError)
    assert "MaxResults" in str(caught.value)


def test_permission_checks_map_botocore_failures_too(client: EC2Client) -> None:
    def refuse(**_: Any) -> None:
        raise EndpointConnectionError(endpoint_url=URL)

    client.meta.events.register("before-send.ec2", refuse)
    with pytest.raises(EndpointError):
        TrafficMirrorFilterRepository(client).can_delete("tmf-0123456789abcdef0")


# -- reprs, and no secret anywhere --------------------------------------------------------


def test_reprs_show_region_endpoint_and_on_invalid(client: EC2Client) -> None:
    assert repr(TrafficMirrorSessionRepository(client)) == (
        "TrafficMirrorSessionRepository(region='us-east-1', on_invalid='raise')"
    )
    assert repr(TrafficMirror(client, on_invalid="skip")) == (
        "TrafficMirror(region='us-east-1', on_invalid='skip')"
    )
    local = TrafficMirrorTargetRepository.connect(
        region_name="eu-west-1", endpoint_url="http://127.0.0.1:9", on_invalid="skip"
    )
    assert repr(local) == (
        "TrafficMirrorTargetRepository(region='eu-west-1', endpoint_url='http://127.0.0.1:9',"
        " on_invalid='skip')"
    )
    fips = TrafficMirrorFilterRepository.connect(
        region_name="us-west-2", endpoint_url="https://ec2-fips.us-west-2.amazonaws.com"
    )
    assert repr(fips) == "TrafficMirrorFilterRepository(region='us-west-2', on_invalid='raise')"
    other_region = TrafficMirrorFilterRepository.connect(
        region_name="us-west-2", endpoint_url="https://ec2.eu-west-1.amazonaws.com"
    )
    assert "endpoint_url='https://ec2.eu-west-1.amazonaws.com'" in repr(other_region)


@pytest.mark.timing_sensitive  # connections refused by a real local port
def test_no_repr_str_log_line_or_error_message_shows_the_secret_key(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_SESSION_TOKEN", f"session-{SECRET}")
    seen: list[str] = []
    with caplog.at_level(logging.DEBUG), closed_port() as port:
        mirror = TrafficMirror.connect(
            region_name="us-east-1",
            endpoint_url=f"http://user:{URL_PASSWORD}@127.0.0.1:{port}/",
            config=Config(retries={"total_max_attempts": 1}),
            on_invalid="skip",
        )
        seen += [repr(mirror), str(mirror), repr(mirror.sessions), repr(mirror.targets)]
        seen += [repr(mirror.filters), str(mirror.filters)]
        # An AWS error answer, after the request was signed with the secret.
        with Stubber(mirror.client) as stubber:
            stubber.add_client_error(
                "describe_traffic_mirror_targets", "UnauthorizedOperation", "denied", 403
            )
            with pytest.raises(AwsApiError) as denied:
                mirror.targets.get("tmt-0123456789abcdef0")
        seen += [str(denied.value), repr(denied.value)]
        # A network failure, with the secret in the endpoint URL's userinfo.
        for attempt in (
            lambda: next(mirror.sessions.find()),
            mirror.filters.can_describe,
            lambda: mirror.targets.create(network_interface_id="eni-0123456789abcdef0"),
        ):
            with pytest.raises(TrafficMirrorError) as failed:
                attempt()
            seen += [str(failed.value), repr(failed.value)]
        with pytest.raises(QueryError) as bad:
            mirror.targets.create(network_interface_id=SECRET)
    ours = list(seen)
    ours += [
        record.getMessage() for record in caplog.records if record.name == "ec2_traffic_mirror"
    ]
    logged = [record.getMessage() for record in caplog.records]
    logged += [str(record.args) for record in caplog.records]
    assert len(logged) > 10  # botocore logged the whole exchange at DEBUG
    # The credentials: nowhere, botocore's own DEBUG log lines included.
    assert [line for line in ours + logged if SECRET in line or quote(SECRET) in line] == []
    # A password in the endpoint URL: never in what the SDK writes (botocore's
    # DEBUG log lines print the endpoint URL as the caller gave it).
    assert any("127.0.0.1" in line for line in ours)
    assert [line for line in ours if URL_PASSWORD in line or "user:" in line] == []
    # The one place the secret may appear is where the caller put it on purpose.
    assert SECRET in str(bad.value)


@pytest.mark.timing_sensitive  # connections refused by a real local port
def test_a_fleet_shows_no_secret_in_its_repr_failures_or_log_lines(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_SESSION_TOKEN", f"session-{SECRET}")
    scopes = [Scope("123456789012", "us-east-1"), Scope("210987654321", "eu-west-1", "Audit")]
    with caplog.at_level(logging.DEBUG), closed_port() as port:
        fleet = Fleet(
            scopes,
            endpoint_url=f"http://user:{URL_PASSWORD}@127.0.0.1:{port}/",
            config=Config(retries={"total_max_attempts": 1}, connect_timeout=2),
            external_id=f"x-{URL_PASSWORD}",
        )
        listing = fleet.sessions()
        assert list(listing) == []
    # Both scopes fail where their credentials are made: GetCallerIdentity, AssumeRole.
    assert {failure.scope for failure in listing.failures} == set(scopes)
    operations: set[str | None] = set()
    for failure in listing.failures:
        assert isinstance(failure.error, EndpointError)
        operations.add(failure.error.operation)
    assert operations == {"GetCallerIdentity", "AssumeRole"}
    ours = [repr(fleet), str(fleet), repr(listing), repr(listing.failures), str(listing.failures)]
    ours += [repr(fleet._access)]  # pyright: ignore[reportPrivateUsage]  # what executors see
    ours += [str(failure.error) for failure in listing.failures]
    ours += [repr(failure.error) for failure in listing.failures]
    ours += [
        record.getMessage() for record in caplog.records if record.name == "ec2_traffic_mirror"
    ]
    logged = [record.getMessage() for record in caplog.records]
    logged += [str(record.args) for record in caplog.records]
    assert len(logged) > 5  # botocore logged the attempts at DEBUG
    assert [line for line in ours + logged if SECRET in line or quote(SECRET) in line] == []
    assert any("127.0.0.1" in line for line in ours)
    assert [line for line in ours if URL_PASSWORD in line or "user:" in line] == []
