"""A misspelt keyword in a new model: the constructor refuses `to`."""

# raises: TypeError
# fix: to=443 -> to_port=443

from ec2_traffic_mirror import PortRange

PortRange(from_port=80, to=443)
