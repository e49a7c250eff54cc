"""Built-in report formats, each a plugin through the register_formats hook."""
