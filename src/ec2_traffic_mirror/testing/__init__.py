"""A fake of the EC2 Traffic Mirror Session API that answers like AWS, built on moto.

Install the extra: ``pip install "ec2-traffic-mirror[testing]"``. Then::

    import boto3
    from ec2_traffic_mirror.testing import mock_traffic_mirror, traffic_mirror_server

    with mock_traffic_mirror() as fake:          # also @mock_traffic_mirror()
        ids = fake.seed_sessions(100, tags_per_session=3)
        client = boto3.client("ec2", region_name="us-east-1")
        page = client.describe_traffic_mirror_sessions(MaxResults=10)

    with traffic_mirror_server() as server:      # the same, over HTTP on 127.0.0.1
        client = server.client()                 # endpoint_url=server.endpoint_url

``python -m ec2_traffic_mirror.testing serve`` runs the server for the CLI or
a demo; ``python -m ec2_traffic_mirror.testing bench-seed`` times seeding.

Inside the context, moto (``mock_aws()``) answers everything else, and these
four operations answer as AWS does: ``DescribeTrafficMirrorSessions``,
``CreateTrafficMirrorSession``, ``ModifyTrafficMirrorSession``,
``DeleteTrafficMirrorSession``; ``CreateTags``/``DeleteTags`` on session ids
get AWS's checks (unknown id, ``aws:`` keys, lengths, 50 tags), ``DryRun``, and
the fake's ``throttle``/``deny`` controls and call counts; the tags are in moto's
own tag store, so plain ``describe_tags`` sees them. What the fake adds to stock
moto:

- paging: ``MaxResults`` 5 to 1000 (else ``InvalidParameterValue``) and an opaque
  ``NextToken``, over a stable order (creation order). A token is valid again
  and again, but only with the query (ids and filters) it was issued for; any
  other token is ``InvalidNextToken``. Sessions created between pages show up
  on later pages; deleted ones do not shift the rest.
- the nine filters, integers compared as numbers, ``*``/``?`` wildcards (and
  ``\\`` to escape them) on string filters, values OR, filters AND; an unknown
  filter name is ``InvalidParameterValue``; an unknown id in
  ``TrafficMirrorSessionIds`` is ``InvalidTrafficMirrorSessionId.NotFound``.
- ``DryRun`` answers ``DryRunOperation`` (HTTP 412) and changes nothing;
  ``fake.deny(...)`` makes it (and everything else) ``UnauthorizedOperation`` (403).
- the ranges and tag rules of create and modify, ``RemoveFields`` on modify,
  ``InvalidTrafficMirrorSessionId.NotFound`` on modify and delete, and a VNI
  when create is given none: deterministic and unique, the sequence
  ``(n * 7777777 + 1234567) mod 2**24`` for the n-th VNI the fake assigns
  (AWS picks one at random).
- ``ClientToken`` idempotency on create (same token and parameters: the same
  session; other parameters: ``IdempotentParameterMismatch``).
- test controls on `TrafficMirrorFake`: ``throttle``, ``fail_page``,
  ``serve_invalid_item``, ``deny``/``allow``, ``call_count``, ``seed_sessions``.

Where the fake still differs from AWS:

- The network interface, target and filter ids are not checked: any string is
  accepted (AWS answers ``InvalidNetworkInterfaceId.NotFound``,
  ``InvalidTrafficMirrorTargetId.NotFound``, ``InvalidTrafficMirrorFilterId.NotFound``),
  and nothing ties the session to a real ENI, target or filter.
- No limits across sessions: AWS allows 3 sessions per source interface, a
  session number once per interface, a total per account, and requires the
  source to be a supported (Nitro) instance type; the fake checks none of it.
- Permissions are all or nothing per operation (``deny``); there are no IAM
  policies, conditions or resource-level permissions.
- ``DryRun`` answers ``DryRunOperation`` without checking the parameters
  (AWS checks permissions first and may also report a bad parameter).
- Error messages are close to, not copies of, AWS's wording; codes and HTTP
  statuses are AWS's.
- Without ``MaxResults`` every matching session comes in one response; AWS may
  page such a response on its own.
- A filter with no values, and a non-integer value for an integer filter,
  are ``InvalidParameterValue``; AWS's exact answer to those is not documented.
- Removing and setting the same field in one modify is
  ``InvalidParameterCombination`` (a guess at AWS's answer).
- Tokens are kept in memory for the life of the fake; AWS tokens expire.
- The order is creation order; AWS documents no order (it is stable in practice).
- ``CreateTags``/``DeleteTags`` on other resources than sessions are moto's own
  (no ``DryRun``, no fault injection); ``call_count()`` without an operation
  counts the four session operations, ``call_count("CreateTags")`` the tag calls
  on sessions.
- Ids look like AWS's (``tms-`` and 17 hex digits) but are random, not AWS's.
"""

from ec2_traffic_mirror.testing._fake import (
    MAX_RESULTS_MAX,
    MAX_RESULTS_MIN,
    SESSION_FILTERS,
    SESSION_OPERATIONS,
    TAG_OPERATIONS,
    TrafficMirrorFake,
)
from ec2_traffic_mirror.testing._mock import TrafficMirrorMock, active_fake, mock_traffic_mirror
from ec2_traffic_mirror.testing._server import TrafficMirrorServer, traffic_mirror_server

__all__ = [
    "MAX_RESULTS_MAX",
    "MAX_RESULTS_MIN",
    "SESSION_FILTERS",
    "SESSION_OPERATIONS",
    "TAG_OPERATIONS",
    "TrafficMirrorFake",
    "TrafficMirrorMock",
    "TrafficMirrorServer",
    "active_fake",
    "mock_traffic_mirror",
    "traffic_mirror_server",
]
