"""A port range is a PortRange or a (from_port, to_port) pair."""

# raises: QueryError
# fix: "80-443" -> (80, 443)

from ec2_traffic_mirror import TrafficMirrorFilterRepository

filters = TrafficMirrorFilterRepository.connect(region_name="us-east-1")
filters.modify_rule("tmfr-0123456789abcdef0", destination_port_range="80-443")
