"""A filter's rules are a tuple: a new rule goes through create_rule."""

# raises: AttributeError
# fix: filter_.ingress_filter_rules.append(None) -> rules = filter_.ingress_filter_rules

from ec2_traffic_mirror import TrafficMirrorFilter

filter_ = TrafficMirrorFilter(traffic_mirror_filter_id="tmf-0123456789abcdef0")
filter_.ingress_filter_rules.append(None)
