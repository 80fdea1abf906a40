"""Each repository takes its own query."""

# raises: QueryError
# fix: targets.find(filter_query) -> targets.find(TargetQuery())

from ec2_traffic_mirror import FilterQuery, TargetQuery, TrafficMirrorTargetRepository

targets = TrafficMirrorTargetRepository.connect(region_name="us-east-1")
filter_query = FilterQuery().description("web*")
targets.find(filter_query)
print(filter_query, TargetQuery())
