"""A fleet item is frozen: its scope and item are what was listed."""

# raises: FrozenInstanceError
# fix: entry.scope = other -> print(entry.scope, other)

from ec2_traffic_mirror import FleetItem, Scope

entry = FleetItem(scope=Scope("123456789012", "us-east-1"), item="tmt-1", resume_token=None)
other = Scope("210987654321", "us-east-1")
entry.scope = other
