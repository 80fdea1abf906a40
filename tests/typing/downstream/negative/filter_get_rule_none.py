"""get_rule takes a rule id."""

# raises: QueryError
# fix: get_rule(None) -> get_rule("tmfr-0123456789abcdef0")

from ec2_traffic_mirror import TrafficMirrorFilterRepository

filters = TrafficMirrorFilterRepository.connect(region_name="us-east-1")
filters.get_rule(None)
