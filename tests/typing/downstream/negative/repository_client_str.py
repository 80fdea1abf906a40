"""The repository wraps a boto3 EC2 client, not a service name."""

# raises: AttributeError
# fix: ("ec2") -> (repo.client)

from ec2_traffic_mirror import TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
TrafficMirrorSessionRepository("ec2").count()
