"""A misspelt keyword: the constructor refuses `valu` (it takes `key` and `value`)."""

# raises: TypeError
# fix: valu= -> value=

from ec2_traffic_mirror import Tag

Tag(key="Name", valu="web")
