"""The account's lifecycle as the guide tells it (data and small functions, no I/O)."""
