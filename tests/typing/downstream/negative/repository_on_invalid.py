"""`on_invalid` is "raise" or "skip"."""

# raises: QueryError
# fix: "ignore" -> "skip"

from ec2_traffic_mirror import TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
TrafficMirrorSessionRepository(repo.client, on_invalid="ignore")
