"""Generated documentation pages: the services catalogue, the answer reference and JSON Schema, and the jurisdictions coverage."""
