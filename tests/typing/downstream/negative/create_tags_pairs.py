"""Tags are Tag objects or a mapping, not pairs."""

# raises: QueryError
# fix: [(tag.key, tag.value)] -> [tag]

from ec2_traffic_mirror import Tag, TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
tag = Tag(key="Name", value="web")
repo.create(
    network_interface_id="eni-0123456789abcdef0",
    traffic_mirror_target_id="tmt-0123456789abcdef0",
    traffic_mirror_filter_id="tmf-0123456789abcdef0",
    session_number=1,
    tags=[(tag.key, tag.value)],
)
