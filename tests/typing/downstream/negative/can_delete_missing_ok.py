"""`can_delete` has no `missing_ok`."""

# raises: TypeError
# fix: , missing_ok=True) -> )

from ec2_traffic_mirror import TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
SESSION = "tms-0123456789abcdef0"
repo.can_delete(SESSION, missing_ok=True)
