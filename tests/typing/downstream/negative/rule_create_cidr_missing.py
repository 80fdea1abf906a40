"""A rule needs its destination CIDR block as well as its source."""

# raises: TypeError
# fix: source_cidr_block=ANY, -> source_cidr_block=ANY, destination_cidr_block=ANY,

from ec2_traffic_mirror import TrafficMirrorFilterRepository

ANY = "0.0.0.0/0"
filters = TrafficMirrorFilterRepository.connect(region_name="us-east-1")
filters.create_rule(
    "tmf-0123456789abcdef0",
    traffic_direction="ingress",
    rule_number=1,
    rule_action="accept",
    source_cidr_block=ANY,
)
