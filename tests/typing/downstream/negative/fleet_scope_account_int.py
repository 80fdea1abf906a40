"""An account id is a string of 12 digits, as AWS writes it (leading zeros included)."""

# raises: QueryError
# fix: Scope(123456789012, -> Scope("123456789012",

from ec2_traffic_mirror import Scope

Scope(123456789012, "us-east-1")
