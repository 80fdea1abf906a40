"""resolve takes an iterable of sessions, not one session."""

# raises: QueryError
# fix: mirror.resolve(session) -> mirror.resolve([session])

from ec2_traffic_mirror import TrafficMirror, TrafficMirrorSession

mirror = TrafficMirror.connect(region_name="us-east-1")
session = TrafficMirrorSession(
    traffic_mirror_session_id="tms-0123456789abcdef0",
    traffic_mirror_target_id="tmt-0123456789abcdef0",
    traffic_mirror_filter_id="tmf-0123456789abcdef0",
    network_interface_id="eni-0123456789abcdef0",
    owner_id="123456789012",
    session_number=1,
)
for entry in mirror.resolve(session):
    print(entry)
