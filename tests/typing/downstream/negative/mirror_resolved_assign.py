"""A ResolvedSession is frozen."""

# raises: FrozenInstanceError
# fix: entry.target = None -> target = entry.target

from ec2_traffic_mirror import ResolvedSession, TrafficMirrorSession

session = TrafficMirrorSession(
    traffic_mirror_session_id="tms-0123456789abcdef0",
    traffic_mirror_target_id="tmt-0123456789abcdef0",
    traffic_mirror_filter_id="tmf-0123456789abcdef0",
    network_interface_id="eni-0123456789abcdef0",
    owner_id="123456789012",
    session_number=1,
)
entry = ResolvedSession(session=session, target=None, filter=None)
entry.target = None
