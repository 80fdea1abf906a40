"""How many tasks may be in flight is an integer."""

# raises: QueryError
# fix: max_in_flight="8" -> max_in_flight=8

from ec2_traffic_mirror import Fleet, Scope

Fleet([Scope("123456789012", "us-east-1")], max_in_flight="8")
