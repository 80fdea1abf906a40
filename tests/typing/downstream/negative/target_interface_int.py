"""A target's interface id is a string."""

# raises: ValidationError
# fix: network_interface_id=17 -> network_interface_id="eni-0123456789abcdef0"

from ec2_traffic_mirror import TrafficMirrorTarget

TrafficMirrorTarget(
    traffic_mirror_target_id="tmt-0123456789abcdef0",
    network_interface_id=17,
    type="network-interface",
    owner_id="123456789012",
)
