"""`resume_token` is read-only."""

# raises: AttributeError
# fix: found.resume_token = None -> token = found.resume_token

from ec2_traffic_mirror import TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
found = repo.find()
found.resume_token = None
