"""Only packet_length, virtual_network_id and description can be removed."""

# raises: QueryError
# fix: session_number=REMOVE -> session_number=2

from ec2_traffic_mirror import REMOVE, TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
SESSION = "tms-0123456789abcdef0"
repo.modify(SESSION, session_number=REMOVE)
repo.modify(SESSION, packet_length=REMOVE)
