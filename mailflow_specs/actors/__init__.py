"""One scenario's world: its shoppers, their personas, the step parameter types."""
