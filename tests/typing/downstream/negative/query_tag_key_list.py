"""tag_key() takes keys as arguments, not one list of them."""

# raises: QueryError
# fix: .tag_key(["env", "team"]) -> .tag_key("env", "team")

from ec2_traffic_mirror import SessionQuery

query = SessionQuery().tag_key(["env", "team"])
