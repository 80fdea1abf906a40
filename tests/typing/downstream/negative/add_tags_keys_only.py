"""`add_tags` takes tags, not bare keys."""

# raises: QueryError
# fix: ["Name"] -> {"Name": ""}

from ec2_traffic_mirror import TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
SESSION = "tms-0123456789abcdef0"
repo.add_tags(SESSION, ["Name"])
