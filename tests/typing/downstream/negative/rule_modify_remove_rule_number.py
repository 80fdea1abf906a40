"""Only protocol, the port ranges and description can be removed."""

# raises: QueryError
# fix: rule_number=REMOVE -> rule_number=200

from ec2_traffic_mirror import REMOVE, TrafficMirrorFilterRepository

filters = TrafficMirrorFilterRepository.connect(region_name="us-east-1")
RULE = "tmfr-0123456789abcdef0"
filters.modify_rule(RULE, rule_number=REMOVE)
filters.modify_rule(RULE, protocol=REMOVE)
