"""The VK API: a client, the mapping of its objects to a snapshot, and the collect."""
