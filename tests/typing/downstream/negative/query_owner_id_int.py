"""Account ids are strings."""

# raises: QueryError
# fix: (123456789012) -> ("123456789012")

from ec2_traffic_mirror import SessionQuery

SessionQuery().owner_id(123456789012)
