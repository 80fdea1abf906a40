"""A target is frozen."""

# raises: ValidationError
# fix: target.type = "network-load-balancer" -> kind = target.type

from ec2_traffic_mirror import TrafficMirrorTarget

target = TrafficMirrorTarget(
    traffic_mirror_target_id="tmt-0123456789abcdef0",
    network_interface_id="eni-0123456789abcdef0",
    type="network-interface",
    owner_id="123456789012",
)
target.type = "network-load-balancer"
