"""Embedding in website builds: the MkDocs plugin."""
