"""A rule's `rule_number` is an int; a str is refused (strict)."""

# raises: ValidationError
# fix: rule_number="100" -> rule_number=100

from ec2_traffic_mirror import TrafficMirrorFilterRule

rule = TrafficMirrorFilterRule(
    traffic_mirror_filter_rule_id="tmfr-0123456789abcdef0",
    traffic_mirror_filter_id="tmf-0123456789abcdef0",
    traffic_direction="ingress",
    rule_action="accept",
    destination_cidr_block="10.0.0.0/16",
    source_cidr_block="0.0.0.0/0",
    rule_number="100",
)
