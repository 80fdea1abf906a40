"""Ports are ints; a str is refused (strict)."""

# raises: ValidationError
# fix: from_port="80" -> from_port=80

from ec2_traffic_mirror import PortRange

PortRange(from_port="80", to_port=443)
