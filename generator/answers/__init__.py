"""The answer file: its model (`model`, `parts`, `contacts`, `fields`), vocabularies and checks, and loading it with messages that name file, line and field."""
