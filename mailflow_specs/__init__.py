"""Mailflow Specs' browser harness: runs the feature files against a target."""
