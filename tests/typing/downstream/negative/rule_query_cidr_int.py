"""A CIDR block is a string or an ipaddress network."""

# raises: QueryError
# fix: (10) -> ("10.0.0.0/8")

from ec2_traffic_mirror import FilterRuleQuery

FilterRuleQuery().source_cidr_block(10)
