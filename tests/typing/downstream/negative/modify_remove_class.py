"""`REMOVE` (the member) removes a field, not the `Remove` class."""

# raises: QueryError
# fix: =Remove) -> =Remove.REMOVE)

from ec2_traffic_mirror import Remove, TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
SESSION = "tms-0123456789abcdef0"
repo.modify(SESSION, description=Remove)
