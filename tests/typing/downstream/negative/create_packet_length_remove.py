"""`create` has nothing to remove."""

# raises: QueryError
# fix: packet_length=REMOVE, -> packet_length=None,

from ec2_traffic_mirror import REMOVE, TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
repo.create(
    network_interface_id="eni-0123456789abcdef0",
    traffic_mirror_target_id="tmt-0123456789abcdef0",
    traffic_mirror_filter_id="tmf-0123456789abcdef0",
    session_number=1,
    packet_length=REMOVE,
)
repo.modify("tms-0123456789abcdef0", packet_length=REMOVE)
