"""A fake of the EC2 Traffic Mirroring API that answers like AWS, built on moto.

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
a demo (``--seed-random N``: a varied estate) and prints what to export;
``python -m ec2_traffic_mirror.testing bench-seed`` times seeding. pytest
fixtures over the fake come with the package (``ec2_traffic_mirror.pytest_plugin``).

Inside the context, moto (``mock_aws()``) answers everything else, and every
Traffic Mirroring operation answers as AWS does (`OPERATIONS`, fifteen):
Create/Modify/Delete/Describe TrafficMirrorSessions; Create/Delete/Describe
TrafficMirrorTargets; Create/Delete/Describe TrafficMirrorFilters;
Create/Modify/Delete/Describe TrafficMirrorFilterRules;
ModifyTrafficMirrorFilterNetworkServices. ``CreateTags``/``DeleteTags`` on
Traffic Mirror ids get AWS's checks; the tags are in moto's own tag store, so
plain ``describe_tags`` sees them (with their resource type). Whatever makes
them, plain boto3 or seeding, resources get AWS's id formats: ``tms-``,
``tmt-``, ``tmf-``, ``tmfr-`` and 17 lowercase hex digits (moto mints
``traf-mir-tar-...`` and ``traf-mir-fil-...``). What the fake adds to stock moto:

- paging of the four Describe calls: ``MaxResults`` 5 to 1000 (else
  ``InvalidParameterValue``) and an opaque ``NextToken``, over a stable order
  (creation order). A token is valid again and again, but only with the call and
  query (ids and filters) it was issued for; any other token is
  ``InvalidNextToken``. Resources created between pages show up on later pages;
  deleted ones do not shift the rest. ``DescribeTrafficMirrorFilterRules`` has
  no botocore paginator: page it with ``NextToken`` yourself.
- every filter name the API reference lists (`SESSION_FILTERS`, nine;
  `TARGET_FILTERS`: description, network-interface-id, network-load-balancer-arn,
  owner-id, traffic-mirror-target-id; `FILTER_FILTERS`: description,
  traffic-mirror-filter-id; `RULE_FILTERS`: traffic-mirror-filter-rule-id,
  traffic-mirror-filter-id, rule-number, rule-action, traffic-direction,
  protocol, source-cidr-block, destination-cidr-block, description): integers
  compared as numbers, ``*``/``?`` wildcards (and ``\\`` to escape them) on
  string filters, values OR, filters AND; an unknown filter name is
  ``InvalidParameterValue``; an unknown id in the ids parameter is
  ``InvalidTrafficMirrorSessionId.NotFound``, ``InvalidTrafficMirrorTargetId.NotFound``,
  ``InvalidTrafficMirrorFilterId.NotFound`` or
  ``InvalidTrafficMirrorFilterRuleId.NotFound`` (also for modify and delete, and
  for ``TrafficMirrorFilterId`` of ``DescribeTrafficMirrorFilterRules``).
- the rules of a filter in ``IngressFilterRules``/``EgressFilterRules`` of
  ``DescribeTrafficMirrorFilters``; its ``NetworkServices`` (``amazon-dns``).
- ``DryRun`` on every operation answers ``DryRunOperation`` (HTTP 412) and
  changes nothing; ``fake.deny(...)`` makes it (and everything else)
  ``UnauthorizedOperation`` (403).
- referential checks: a session's interface (``InvalidNetworkInterfaceID.NotFound``),
  target and filter must exist, and its interface may not be its target's
  interface; a target's interface, Network Load Balancer
  (``InvalidNetworkLoadBalancerArn.NotFound``; an NLB serves one target:
  ``NlbInUseByTrafficMirrorTargetException``) or Gateway Load Balancer endpoint
  (``InvalidVpcEndpointId.NotFound``) must exist in moto; a target or filter a
  session uses cannot be deleted (``TrafficMirrorTargetInUseException``,
  ``TrafficMirrorFilterInUse``); deleting a filter deletes its rules.
- quotas (`ACCOUNT_QUOTA`, `SESSIONS_PER_INTERFACE`, `RULES_PER_FILTER`): 3
  sessions per source interface (``TrafficMirrorSessionsPerInterfaceLimitExceeded``),
  10 rules per filter (``TrafficMirrorFilterRuleLimitExceeded``), 10,000
  sessions, targets and filters (``TrafficMirrorSessionLimitExceeded``,
  ``TrafficMirrorTargetLimitExceeded``, ``TrafficMirrorFilterLimitExceeded``);
  ``fake.set_quotas(...)`` lowers the last three so a test can reach them.
- the ranges and formats of every input: session number 1 to 32766, packet
  length 1 to 8500, VNI 0 to 2**24 - 1, rule number 1 to 32766, protocol 0 to
  255, ports 0 to 65535, CIDR blocks (both of a rule IPv4 or both IPv6),
  direction, action, network service names, tag rules (``aws:`` keys,
  lengths): ``InvalidParameterValue``; more than 50 tags: ``TagLimitExceeded``;
  a rule number taken in
  that direction of the filter: ``TrafficMirrorFilterRuleAlreadyExists``;
  ``RemoveFields`` of session and rule modify; a VNI when create is given none:
  deterministic and unique per account and region, the sequence
  ``(n * 7777777 + 1234567) mod 2**24`` for the n-th (AWS picks one at random).
- ``ClientToken`` idempotency on every create (same token and parameters: the
  same resource; other parameters: ``IdempotentParameterMismatch``).
- test controls on `TrafficMirrorFake`: ``throttle``, ``fail_page``,
  ``serve_invalid_item`` (any Traffic Mirror id), ``deny``/``allow``,
  ``call_count``, ``set_quotas``, ``on_request`` (a hook called with each
  `Request` before it is answered, outside the fake's lock: hold a request
  on an event, or add a latency), ``reset``; ``throttle``, ``deny`` and
  ``allow`` take ``account_id=``/``region=`` to fault one account and/or
  region only (the account a request acts in: an assumed role's), and
  ``deny("AssumeRole", account_id=...)`` makes STS refuse to assume a role
  of that account (``AccessDenied``; `STS_OPERATIONS`); and fast bulk seeding:
  ``seed_network_interfaces``, ``seed_targets``, ``seed_filters`` (with rules,
  `FilterRuleSpec`), ``seed_sessions`` (on seeded targets and filters, or on
  its own new ones). Seeding checks what AWS would refuse (``ValueError``).

The resources live with moto's EC2 data, per account and region (each account
and region has its own store and quotas), so they last as long as moto's data
does, nested contexts and the HTTP server share them, and a request answered
in an assumed role's account works on that account's resources. Controls
(faults, denial, counts, tokens, quotas) belong to each fake.

Where the fake still differs from AWS (and where AWS documents no error code,
the code the fake answers is the best evidence: botocore, AWS's list of EC2
error codes, Terraform's AWS provider):

- Guessed codes: ``InvalidParameterCombination`` for a target request with none
  or several of interface, NLB and endpoint, for ``RemoveFields`` with the same
  field set (sessions and rules), and for adding and removing one network
  service in one call; ``InvalidParameterValue`` for a session whose interface
  is its target's interface, for a port range on a rule whose protocol is not
  TCP (6) or UDP (17), for ``FromPort`` above ``ToPort``, for a CIDR block
  with host bits set or without a prefix length (AWS may normalise such a
  block instead); ``InvalidNetworkLoadBalancerArn.NotFound`` also for a load
  balancer that is not a network one; ``MissingParameter`` for a port range
  without ``FromPort`` or ``ToPort``;
  ``InvalidTrafficMirrorTargetId.Malformed``, ``...FilterId.Malformed`` and
  ``...FilterRuleId.Malformed`` for an id without its prefix (after the
  documented session and interface ones). AWS's error list spells the NotFound
  codes ``InvalidTrafficMirrorFilterNotFound`` (and so on); the fake answers
  ``InvalidTrafficMirrorFilterId.NotFound``, the spelling AWS sends and
  Terraform's provider matches.
- Not checked: that a source interface belongs to a supported (Nitro) instance
  (``NetworkInterfaceNotSupported``); sources and sessions per target
  (``TrafficMirrorSourcesPerTargetLimitExceeded``,
  ``TrafficMirrorSessionsPerTargetLimitExceeded``); a session number used twice
  on one interface; the type of a Gateway Load Balancer endpoint (any VPC
  endpoint in moto is accepted); one interface as the target of two targets.
  References are checked when made: deleting, with moto, an interface, load
  balancer or endpoint that a target or session uses is allowed.
- Load balancers made in moto while a fake is active get AWS's ARNs
  (``loadbalancer/net/NAME/ID`` for a network one, ``gwy`` for a gateway one;
  stock moto 5.2.5 writes ``app`` for every type), so an NLB made with plain
  boto3 can be a target through the SDK, which checks the ARN. The fake itself
  takes any load balancer ARN form, and moto's type of it decides.
- Seeding stores directly: network interfaces it names are made in moto when
  missing, but NLB ARNs and endpoint ids of seeded targets need not exist.
- Quotas are counted per account and region; a lowered quota applies to every
  account and region of the fake.
- Permissions are all or nothing per operation, account and region
  (``deny``); there are no IAM policies, conditions or resource-level
  permissions. STS and Organizations are moto's own: any role of any
  account can be assumed (unless denied), and the assumed role's
  credentials act in the role's account.
- ``DryRun`` answers ``DryRunOperation`` without checking the parameters
  (AWS checks permissions first and may also report a bad parameter).
- Error messages are close to, not copies of, AWS's wording; codes and HTTP
  statuses are AWS's.
- Without ``MaxResults`` every match comes in one response; AWS may page such
  a response on its own.
- A filter with no values, and a non-integer value for an integer filter,
  are ``InvalidParameterValue``; AWS's exact answer to those is not documented.
- Tokens are kept in memory for the life of the fake; AWS tokens expire.
- The order is creation order; the rules in a filter's rule lists are in
  rule-number order. AWS documents no order (it is stable in practice).
- ``CreateTags``/``DeleteTags`` on other resources than Traffic Mirror ones are
  moto's own (no ``DryRun``, no fault injection); ``call_count()`` without an
  operation counts the fifteen Traffic Mirror operations,
  ``call_count("CreateTags")`` the tag calls on Traffic Mirror ids.
- Ids look like AWS's but are random (from moto's random source), not AWS's.
"""

from ec2_traffic_mirror.testing._fake import (
    ACCOUNT_QUOTA,
    FILTER_FILTERS,
    FILTER_OPERATIONS,
    MAX_RESULTS_MAX,
    MAX_RESULTS_MIN,
    OPERATIONS,
    RULE_FILTERS,
    RULES_PER_FILTER,
    SESSION_FILTERS,
    SESSION_OPERATIONS,
    SESSIONS_PER_INTERFACE,
    STS_OPERATIONS,
    TAG_OPERATIONS,
    TARGET_FILTERS,
    TARGET_OPERATIONS,
    FilterRuleSpec,
    PortRangeSpec,
    RequestHook,
    TrafficMirrorFake,
)
from ec2_traffic_mirror.testing._mock import TrafficMirrorMock, active_fake, mock_traffic_mirror
from ec2_traffic_mirror.testing._moto import Request
from ec2_traffic_mirror.testing._server import TrafficMirrorServer, traffic_mirror_server

__all__ = [
    "ACCOUNT_QUOTA",
    "FILTER_FILTERS",
    "FILTER_OPERATIONS",
    "MAX_RESULTS_MAX",
    "MAX_RESULTS_MIN",
    "OPERATIONS",
    "RULES_PER_FILTER",
    "RULE_FILTERS",
    "SESSIONS_PER_INTERFACE",
    "SESSION_FILTERS",
    "SESSION_OPERATIONS",
    "STS_OPERATIONS",
    "TAG_OPERATIONS",
    "TARGET_FILTERS",
    "TARGET_OPERATIONS",
    "FilterRuleSpec",
    "PortRangeSpec",
    "Request",
    "RequestHook",
    "TrafficMirrorFake",
    "TrafficMirrorMock",
    "TrafficMirrorServer",
    "active_fake",
    "mock_traffic_mirror",
    "traffic_mirror_server",
]
