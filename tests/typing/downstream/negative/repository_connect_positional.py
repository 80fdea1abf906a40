"""`connect` takes keywords only."""

# raises: TypeError
# fix: ("eu-west-1") -> (region_name="eu-west-1")

from ec2_traffic_mirror import TrafficMirrorSessionRepository

TrafficMirrorSessionRepository.connect("eu-west-1")
