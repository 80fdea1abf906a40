"""The page size is an int."""

# raises: QueryError
# fix: ("50") -> (50)

from ec2_traffic_mirror import SessionQuery

SessionQuery().page_size("50")
