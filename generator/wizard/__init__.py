"""`policygen wizard`: the interactive questionnaire that writes an answer file."""
