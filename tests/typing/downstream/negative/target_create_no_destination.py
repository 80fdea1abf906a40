"""A target is created with exactly one destination; none is refused."""

# raises: QueryError
# fix: (description= -> (network_interface_id=ENI, description=

from ec2_traffic_mirror import TrafficMirrorTargetRepository

ENI = "eni-0123456789abcdef0"
targets = TrafficMirrorTargetRepository.connect(region_name="us-east-1")
targets.create(description="where to?")
