"""`protocol` is the IP protocol number, not its name."""

# raises: QueryError
# fix: protocol="tcp" -> protocol=6

from ec2_traffic_mirror import TrafficMirrorFilterRepository

filters = TrafficMirrorFilterRepository.connect(region_name="us-east-1")
filters.create_rule(
    "tmf-0123456789abcdef0",
    traffic_direction="ingress",
    rule_number=100,
    rule_action="accept",
    source_cidr_block="0.0.0.0/0",
    destination_cidr_block="10.0.0.0/16",
    protocol="tcp",
)
