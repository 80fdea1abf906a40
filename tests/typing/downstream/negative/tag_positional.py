"""The constructor takes keywords only."""

# raises: TypeError
# fix: ("Name", "web") -> (key="Name", value="web")

from ec2_traffic_mirror import Tag

Tag("Name", "web")
