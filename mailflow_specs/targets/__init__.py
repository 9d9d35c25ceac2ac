"""What the harness knows of a target: its profile, its test seams, which scenarios it can run."""
