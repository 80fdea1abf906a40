"""`find` takes a SessionQuery, not a filter name."""

# raises: QueryError
# fix: repo.find("owner-id") -> repo.find(query)

from ec2_traffic_mirror import SessionQuery, TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
query = SessionQuery().owner_id("123456789012")
repo.find("owner-id")
