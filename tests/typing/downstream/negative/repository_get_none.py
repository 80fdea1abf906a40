"""`get` takes a session id."""

# raises: QueryError
# fix: (None) -> ("tms-0123456789abcdef0")

from ec2_traffic_mirror import TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
repo.get(None)
