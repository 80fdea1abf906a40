"""Tag values are strings, as AWS stores them."""

# raises: QueryError
# fix: .tag("tier", 1) -> .tag("tier", "1")

from ec2_traffic_mirror import SessionQuery

query = SessionQuery().tag("tier", 1)
