"""`remove_tags` takes keys, not Tag objects."""

# raises: QueryError
# fix: [tag] -> [tag.key]

from ec2_traffic_mirror import Tag, TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
SESSION = "tms-0123456789abcdef0"
tag = Tag(key="Name", value="web")
repo.remove_tags(SESSION, [tag])
