"""A query is built by chaining, not by constructor keywords."""

# raises: TypeError
# fix: (owner_id= -> ().owner_id(

from ec2_traffic_mirror import SessionQuery

SessionQuery(owner_id="123456789012")
