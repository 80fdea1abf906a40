"""`on_invalid` is "raise" or "skip"."""

# raises: QueryError
# fix: "ignore" -> "skip"

from ec2_traffic_mirror import TrafficMirror

TrafficMirror.connect(region_name="us-east-1", on_invalid="ignore")
