"""`session_number` is required."""

# raises: TypeError
# fix: "tmf-0123456789abcdef0", -> "tmf-0123456789abcdef0", session_number=1,

from ec2_traffic_mirror import TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
repo.create(
    network_interface_id="eni-0123456789abcdef0",
    traffic_mirror_target_id="tmt-0123456789abcdef0",
    traffic_mirror_filter_id="tmf-0123456789abcdef0",
)
