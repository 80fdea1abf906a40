"""A where() predicate returns True or False, not a value to be judged truthy."""

# raises: QueryError
# fix: s.description) -> s.description is not None)

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
                "Description": "mirror",
            }
        ]
    },
)
with stubber:
    described = list(repo.find(SessionQuery().where(lambda s: s.description)))
