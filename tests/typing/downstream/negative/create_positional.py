"""`create` takes keywords only."""

# raises: TypeError
# fix: (ENI, TARGET, FILTER, 1) -> (network_interface_id=ENI, traffic_mirror_target_id=TARGET, traffic_mirror_filter_id=FILTER, session_number=1)  # noqa: E501

from ec2_traffic_mirror import TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
ENI, TARGET, FILTER = "eni-0123456789abcdef0", "tmt-0123456789abcdef0", "tmf-0123456789abcdef0"
repo.create(ENI, TARGET, FILTER, 1)
