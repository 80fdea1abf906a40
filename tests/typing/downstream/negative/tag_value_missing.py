"""Both key and value are required."""

# raises: ValidationError
# fix: key="Name") -> key="Name", value="")

from ec2_traffic_mirror import Tag

Tag(key="Name")
