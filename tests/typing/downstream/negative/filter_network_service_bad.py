"""The network services AWS knows: amazon-dns."""

# raises: QueryError
# fix: "amazon-ntp" -> "amazon-dns"

from ec2_traffic_mirror import TrafficMirrorFilterRepository

filters = TrafficMirrorFilterRepository.connect(region_name="us-east-1")
filters.add_network_services("tmf-0123456789abcdef0", "amazon-ntp")
