"""`rule_action` is "accept" or "reject"."""

# raises: QueryError
# fix: "drop" -> "reject"

from ec2_traffic_mirror import FilterRuleQuery

FilterRuleQuery().rule_action("drop")
