"""Session numbers are ints."""

# raises: QueryError
# fix: ("1") -> (1)

from ec2_traffic_mirror import SessionQuery

SessionQuery().session_number("1")
