"""A target is created with exactly one destination; two are refused."""

# raises: QueryError
# fix: network_interface_id=ENI, network_load_balancer_arn=NLB -> network_load_balancer_arn=NLB

from ec2_traffic_mirror import TrafficMirrorTargetRepository

ENI = "eni-0123456789abcdef0"
NLB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/n/50dc6c495c0c9188"
targets = TrafficMirrorTargetRepository.connect(region_name="us-east-1")
targets.create(network_interface_id=ENI, network_load_balancer_arn=NLB)
