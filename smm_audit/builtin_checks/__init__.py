"""Built-in checks of smm-audit: one module per check, each a pluggy plugin."""
