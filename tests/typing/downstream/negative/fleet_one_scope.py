"""A fleet takes scopes, not one scope."""

# raises: QueryError
# fix: Fleet(scope) -> Fleet([scope])

from ec2_traffic_mirror import Fleet, Scope

scope = Scope("123456789012", "us-east-1")
Fleet(scope)
