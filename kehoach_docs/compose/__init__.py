"""View models: one per document kind, plain data a template can print."""
