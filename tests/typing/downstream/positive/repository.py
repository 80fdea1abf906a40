"""The repository as a downstream project uses it: construction, reads, paging, resuming."""

from __future__ import annotations

from collections.abc import Iterator

from botocore.config import Config
from mypy_boto3_ec2 import EC2Client
from mypy_boto3_ec2.type_defs import TrafficMirrorSessionTypeDef
from typing_extensions import assert_type

from ec2_traffic_mirror import (
    OnInvalid,
    Page,
    SessionIterator,
    SessionPageIterator,
    SessionQuery,
    TrafficMirrorSession,
    TrafficMirrorSessionRepository,
    install_fast_parser,
    uninstall_fast_parser,
)

repo = TrafficMirrorSessionRepository.connect(region_name="eu-west-1")
assert_type(repo, TrafficMirrorSessionRepository)
assert_type(
    TrafficMirrorSessionRepository.connect(
        region_name=None,
        profile_name="audit",
        endpoint_url="http://127.0.0.1:5000",
        config=Config(retries={"mode": "adaptive"}),
        on_invalid="skip",
    ),
    TrafficMirrorSessionRepository,
)
assert_type(repo.client, EC2Client)
assert_type(repo.on_invalid, OnInvalid)
policy: OnInvalid = "skip"
assert_type(
    TrafficMirrorSessionRepository(repo.client, on_invalid=policy), TrafficMirrorSessionRepository
)
assert_type(TrafficMirrorSessionRepository(repo.client), TrafficMirrorSessionRepository)
assert_type(
    TrafficMirrorSessionRepository(repo.client, fast_parse=False), TrafficMirrorSessionRepository
)
assert_type(TrafficMirrorSessionRepository.connect(fast_parse=True), TrafficMirrorSessionRepository)
install_fast_parser(repo.client)  # the SDK's parser of the Describe answers, on a client
uninstall_fast_parser(repo.client)

query = SessionQuery().owner_id("123456789012").page_size(100)

found = repo.find(query)
assert_type(found, SessionIterator)
assert_type(next(found), TrafficMirrorSession)
assert_type(found.resume_token, str | None)
assert_type(found.skipped_items, tuple[TrafficMirrorSessionTypeDef, ...])
assert_type(iter(found), SessionIterator)
for session in repo.find():
    assert_type(session, TrafficMirrorSession)
sessions: Iterator[TrafficMirrorSession] = repo.find(None)
token = found.resume_token
if token is not None:
    assert_type(repo.find(query.starting_token(token)), SessionIterator)

pages = repo.pages(query)
assert_type(pages, SessionPageIterator)
assert_type(pages.resume_token, str | None)
assert_type(pages.skipped_items, tuple[TrafficMirrorSessionTypeDef, ...])
for page in pages:
    assert_type(page, Page)
    assert_type(page.items, tuple[TrafficMirrorSession, ...])
    assert_type(page.next_token, str | None)
assert_type(Page(items=(), next_token=None), Page)

assert_type(repo.get("tms-0123456789abcdef0"), TrafficMirrorSession)
assert_type(repo.first(query), TrafficMirrorSession | None)
assert_type(repo.first(), TrafficMirrorSession | None)
assert_type(repo.count(query), int)
assert_type(repo.can_describe(), bool)
assert_type(repo.can_describe(query), bool)
