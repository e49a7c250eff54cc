"""Built-in classifiers, each a plugin through the classify_sentiment hook (the last one asked)."""
