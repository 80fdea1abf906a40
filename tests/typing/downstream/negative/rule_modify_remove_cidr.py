"""A rule's CIDR blocks cannot be removed (AWS RemoveFields has no such value)."""

# raises: QueryError
# fix: source_cidr_block=REMOVE -> source_cidr_block="0.0.0.0/0"

from ec2_traffic_mirror import REMOVE, TrafficMirrorFilterRepository

filters = TrafficMirrorFilterRepository.connect(region_name="us-east-1")
filters.modify_rule("tmfr-0123456789abcdef0", source_cidr_block=REMOVE)
filters.modify_rule("tmfr-0123456789abcdef0", description=REMOVE)
