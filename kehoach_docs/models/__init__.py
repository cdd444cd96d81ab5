"""Validated models of the workspace's YAML files."""
