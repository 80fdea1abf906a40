"""A target query has target_ids, not session_ids."""

# raises: AttributeError
# fix: .session_ids( -> .target_ids(

from ec2_traffic_mirror import TargetQuery

TargetQuery().session_ids("tmt-0123456789abcdef0")
