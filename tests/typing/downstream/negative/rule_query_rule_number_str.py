"""Rule numbers are ints."""

# raises: QueryError
# fix: ("100") -> (100)

from ec2_traffic_mirror import FilterRuleQuery

FilterRuleQuery().rule_number("100")
