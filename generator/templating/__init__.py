"""Jinja environments for clauses and pages, Markdown converted once per clause, the limits on a user's clauses, and the compile cache."""
