"""A Page is frozen."""

# raises: FrozenInstanceError
# fix: page.next_token = "token" -> token = page.next_token

from ec2_traffic_mirror import Page

page = Page(items=(), next_token=None)
page.next_token = "token"
