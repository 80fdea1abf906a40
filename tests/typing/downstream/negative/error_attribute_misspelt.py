"""A misspelt error attribute."""

# raises: AttributeError
# fix: .cod) -> .code)

from ec2_traffic_mirror import AwsApiError

print(AwsApiError("InvalidParameterValue", "bad").cod)
