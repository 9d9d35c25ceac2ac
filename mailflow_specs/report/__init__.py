"""What a run reports: the HTML page, traceability, progress lines, failure evidence."""
