"""MkDocs hook: every example in examples/ as a standalone HTML policy page in the site's gallery.

The pages are built from the answer files at `mkdocs build` time (`gallery/<example>.html`), so the
gallery's "read it in full" links always show what the current clauses and templates produce.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from generator.answers.load import load_answers
from generator.export.formats import to_html
from generator.library.clauses import load_library
from generator.render import build_policy


def on_files(files: Files, *, config: Any) -> Files:
    """Add `gallery/<example>.html` for each answer file in examples/."""
    examples = Path(config.config_file_path).resolve().parent / "examples"
    library = load_library()
    for path in sorted(examples.glob("*.yaml")):
        html = to_html(build_policy(load_answers(path), library))
        files.append(File.generated(config, f"gallery/{path.stem}.html", content=html))
    return files
