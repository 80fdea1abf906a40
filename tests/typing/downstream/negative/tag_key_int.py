"""A tag key is a str; an int is refused (strict)."""

# raises: ValidationError
# fix: key=1 -> key="1"

from ec2_traffic_mirror import Tag

Tag(key=1, value="web")
