# The one jedi setting the completion tests change.
cache_directory: str
