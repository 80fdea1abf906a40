"""A misspelt keyword: `valu` is ignored, so `value` is missing."""

# raises: ValidationError
# fix: valu= -> value=

from ec2_traffic_mirror import Tag

Tag(key="Name", valu="web")
