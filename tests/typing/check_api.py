"""Static type tests for the query, the repository and the errors: checked by
mypy (with and without the pydantic plugin) and pyright strict; never run.
Negative cases carry each checker's exact ignore code; unused ignores fail.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from mypy_boto3_ec2 import EC2Client
from mypy_boto3_ec2.type_defs import (
    DescribeTrafficMirrorSessionsRequestPaginateTypeDef,
    TrafficMirrorSessionTypeDef,
)
from typing_extensions import assert_type

from ec2_traffic_mirror import (
    AccessDeniedError,
    AwsApiError,
    FilterName,
    OnInvalid,
    Page,
    QueryError,
    ResponseValidationError,
    SessionIterator,
    SessionNotFoundError,
    SessionPageIterator,
    SessionQuery,
    TrafficMirrorError,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
    install_fast_parser,
    uninstall_fast_parser,
)

# --- SessionQuery: every method chains and keeps the type -----------------------------------

query = (
    SessionQuery()
    .session_ids("tms-0123456789abcdef0")
    .description("web*", "db?")
    .network_interface_id("eni-0123456789abcdef0")
    .owner_id("123456789012")
    .packet_length(128, 256)
    .session_number(1, 2)
    .traffic_mirror_filter_id("tmf-0123456789abcdef0")
    .traffic_mirror_session_id("tms-0123456789abcdef0")
    .traffic_mirror_target_id("tmt-0123456789abcdef0")
    .virtual_network_id(4242)
    .dry_run()
    .dry_run(False)
    .page_size(50)
    .max_items(100)
    .starting_token("token")
)
assert_type(query, SessionQuery)
assert_type(query.to_request(), DescribeTrafficMirrorSessionsRequestPaginateTypeDef)
assert_type(query == SessionQuery(), bool)
assert_type(hash(query), int)
name: FilterName = "session-number"

# --- the repository -------------------------------------------------------------------------

repo = TrafficMirrorSessionRepository.connect(region_name="eu-west-1", endpoint_url=None)
assert_type(repo, TrafficMirrorSessionRepository)
assert_type(repo.client, EC2Client)
assert_type(repo.on_invalid, OnInvalid)
skipping = TrafficMirrorSessionRepository(repo.client, on_invalid="skip")
assert_type(skipping, TrafficMirrorSessionRepository)
unparsed = TrafficMirrorSessionRepository(repo.client, fast_parse=False)
assert_type(
    TrafficMirrorSessionRepository.connect(fast_parse=False), TrafficMirrorSessionRepository
)
install_fast_parser(repo.client)
uninstall_fast_parser(repo.client)

found = repo.find(query)
assert_type(found, SessionIterator)
assert_type(next(found), TrafficMirrorSession)
assert_type(found.resume_token, str | None)
assert_type(found.skipped_items, tuple[TrafficMirrorSessionTypeDef, ...])
for session in repo.find():
    assert_type(session, TrafficMirrorSession)
iterator: Iterator[TrafficMirrorSession] = repo.find()

pages = repo.pages(query)
assert_type(pages, SessionPageIterator)
for page in pages:
    assert_type(page, Page)
    assert_type(page.items, tuple[TrafficMirrorSession, ...])
    assert_type(page.next_token, str | None)

assert_type(repo.get("tms-0123456789abcdef0"), TrafficMirrorSession)
assert_type(repo.first(query), TrafficMirrorSession | None)
assert_type(repo.count(), int)
assert_type(repo.can_describe(), bool)

# --- errors ---------------------------------------------------------------------------------

try:
    repo.get("tms-0123456789abcdef0")
except SessionNotFoundError as error:
    assert_type(error, SessionNotFoundError)
    assert_type(error.code, str)
    assert_type(error.message, str)
    assert_type(error.request_id, str | None)
    assert_type(error.resume_token, str | None)
except AccessDeniedError as error:
    assert_type(error.code, str)
except AwsApiError as error:
    assert_type(error.__cause__, BaseException | None)
except ResponseValidationError as error:
    assert_type(error.raw_item, Mapping[str, object])
    assert_type(error.session_id, str | None)
    assert_type(error.resume_token, str | None)
except QueryError as error:
    assert_type(error, QueryError)
    value_error: ValueError = error
except TrafficMirrorError:
    pass

# --- negative: each is an error in every checker --------------------------------------------

SessionQuery().session_number("1")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
SessionQuery().packet_length(None)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
SessionQuery().owner_id(123456789012)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
SessionQuery().page_size("50")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
SessionQuery().sesion_number(1)  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]
SessionQuery().tag("tier", 1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
SessionQuery().where(lambda s: s.packet_lenght is None)  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]
SessionQuery().where(lambda s: s.description)  # type: ignore[arg-type,return-value]  # pyright: ignore[reportArgumentType]
SessionQuery(owner_id="1")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
wrong_name: FilterName = "session_number"  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
TrafficMirrorSessionRepository(repo.client, on_invalid="ignore")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
TrafficMirrorSessionRepository("ec2")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
TrafficMirrorSessionRepository(repo.client, fast_parse=None)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
install_fast_parser("ec2")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
repo.find("owner-id")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
repo.get(None)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
not_none: TrafficMirrorSession = repo.first()  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
page_items: list[TrafficMirrorSession] = Page(items=(), next_token=None).items  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
Page(items=(), next_token=None).next_token = "x"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]
found.resume_token = None  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]
TrafficMirrorSessionRepository.connect("eu-west-1")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
