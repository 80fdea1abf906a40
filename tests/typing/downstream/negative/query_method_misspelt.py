"""A misspelt builder method."""

# raises: AttributeError
# fix: sesion_number -> session_number

from ec2_traffic_mirror import SessionQuery

SessionQuery().sesion_number(1)
