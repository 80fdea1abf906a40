"""A where() predicate is typed on the model: a misspelt attribute is caught."""

# raises: AttributeError
# fix: s.packet_lenght -> s.packet_length

from botocore.stub import Stubber

from ec2_traffic_mirror import SessionQuery, TrafficMirrorSessionRepository

repo = TrafficMirrorSessionRepository.connect(region_name="us-east-1")
stubber = Stubber(repo.client)
stubber.add_response(
    "describe_traffic_mirror_sessions",
    {
        "TrafficMirrorSessions": [
            {
                "TrafficMirrorSessionId": "tms-0123456789abcdef0",
                "TrafficMirrorTargetId": "tmt-0123456789abcdef0",
                "TrafficMirrorFilterId": "tmf-0123456789abcdef0",
                "NetworkInterfaceId": "eni-0123456789abcdef0",
                "OwnerId": "123456789012",
                "SessionNumber": 1,
            }
        ]
    },
)
with stubber:
    whole = list(repo.find(SessionQuery().where(lambda s: s.packet_lenght is None)))
