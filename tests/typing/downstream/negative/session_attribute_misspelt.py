"""A misspelt attribute."""

# raises: AttributeError
# fix: sesion_number -> session_number

from ec2_traffic_mirror import TrafficMirrorSession

session = TrafficMirrorSession(
    traffic_mirror_session_id="tms-0123456789abcdef0",
    traffic_mirror_target_id="tmt-0123456789abcdef0",
    traffic_mirror_filter_id="tmf-0123456789abcdef0",
    network_interface_id="eni-0123456789abcdef0",
    owner_id="123456789012",
    session_number=1,
)
print(session.sesion_number)
