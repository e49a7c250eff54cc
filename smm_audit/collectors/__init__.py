"""Built-in snapshot collectors, each a plugin through the register_collectors hook."""
