"""A tag value is a str; an int is refused (strict)."""

# raises: ValidationError
# fix: value=3 -> value="3"

from ec2_traffic_mirror import Tag

Tag(key="team", value=3)
