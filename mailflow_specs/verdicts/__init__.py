"""What a scenario's outcome is made of, below everything that drives a target: the
instruction IDs and their order, which errors are a behaviour of the target and which are
not, soft checks, the page-structure notes, and the readable first line of an error."""
