"""Filter values cannot be None."""

# raises: QueryError
# fix: (None) -> (128)

from ec2_traffic_mirror import SessionQuery

SessionQuery().packet_length(None)
