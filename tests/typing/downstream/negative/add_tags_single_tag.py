"""`add_tags` takes a collection of tags, not one Tag."""

# raises: QueryError
# fix: (SESSION, tag) -> (SESSION, [tag])

from ec2_traffic_mirror import Tag, TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
SESSION = "tms-0123456789abcdef0"
tag = Tag(key="Name", value="web")
repo.add_tags(SESSION, tag)
