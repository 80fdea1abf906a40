"""`modify` does not write tags (add_tags does)."""

# raises: TypeError
# fix: modify(SESSION, tags= -> add_tags(SESSION,

from ec2_traffic_mirror import TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
SESSION = "tms-0123456789abcdef0"
repo.modify(SESSION, tags={"Name": "web"})
