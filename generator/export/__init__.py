"""Output formats (Markdown, HTML page and fragment, JSON, PDF) and writing them to disk whole or not at all."""
