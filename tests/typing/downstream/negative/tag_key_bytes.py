"""A tag key is a str; bytes are refused (strict)."""

# raises: ValidationError
# fix: key=b"Name" -> key="Name"

from ec2_traffic_mirror import Tag

Tag(key=b"Name", value="web")
