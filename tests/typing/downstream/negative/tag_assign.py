"""Models are frozen: an attribute cannot be assigned."""

# raises: ValidationError
# fix: tag.key = "team" -> tag = tag.model_copy(update={"key": "team"})

from ec2_traffic_mirror import Tag

tag = Tag(key="Name", value="web")
tag.key = "team"
