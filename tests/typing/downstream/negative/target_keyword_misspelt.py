"""A target's type is `type`, as AWS's member `Type`."""

# raises: TypeError
# fix: target_type= -> type=

from ec2_traffic_mirror import TrafficMirrorTarget

TrafficMirrorTarget(
    traffic_mirror_target_id="tmt-0123456789abcdef0",
    network_interface_id="eni-0123456789abcdef0",
    target_type="network-interface",
    owner_id="123456789012",
)
