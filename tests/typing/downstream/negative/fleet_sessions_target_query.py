"""Each listing of a fleet takes its own resource's query."""

# raises: QueryError
# fix: sessions(TargetQuery()) -> targets(TargetQuery())

from ec2_traffic_mirror import Fleet, Scope, TargetQuery

fleet = Fleet([Scope("123456789012", "us-east-1")])
fleet.sessions(TargetQuery())
