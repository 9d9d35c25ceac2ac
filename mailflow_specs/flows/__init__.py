"""The domain verbs of each flow of the guide, composed from pages and mail."""
