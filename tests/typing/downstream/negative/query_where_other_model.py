"""A where() predicate takes the query's own model: a session predicate is no target predicate."""

# raises: AttributeError
# fix: TargetQuery().where(whole_packets) -> TargetQuery().where(to_an_interface)

from botocore.stub import Stubber

from ec2_traffic_mirror import (
    TargetQuery,
    TrafficMirrorSession,
    TrafficMirrorTarget,
    TrafficMirrorTargetRepository,
)


def whole_packets(session: TrafficMirrorSession) -> bool:
    return session.packet_length is None


def to_an_interface(target: TrafficMirrorTarget) -> bool:
    return target.type == "network-interface"


repo = TrafficMirrorTargetRepository.connect(region_name="us-east-1")
stubber = Stubber(repo.client)
stubber.add_response(
    "describe_traffic_mirror_targets",
    {
        "TrafficMirrorTargets": [
            {
                "TrafficMirrorTargetId": "tmt-0123456789abcdef0",
                "NetworkInterfaceId": "eni-0123456789abcdef0",
                "Type": "network-interface",
                "OwnerId": "123456789012",
            }
        ]
    },
)
with stubber:
    targets = list(repo.find(TargetQuery().where(whole_packets)))
