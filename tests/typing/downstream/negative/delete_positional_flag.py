"""`missing_ok` is keyword-only."""

# raises: TypeError
# fix: , True) -> , missing_ok=True)

from ec2_traffic_mirror import TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
SESSION = "tms-0123456789abcdef0"
repo.delete(SESSION, True)
