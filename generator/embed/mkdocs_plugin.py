"""The MkDocs plugin: the privacy policy as a page of the site, rebuilt with every `mkdocs build`.

In `mkdocs.yml`:

    plugins:
      - policygen:
          answers: privacy.yaml      # the answer file, relative to mkdocs.yml
          page: privacy.md           # where the policy goes (default: privacy.md)
          allow_gaps: false          # default: a missing required disclosure fails the build

The policy is checked as `policygen build` checks it: each required disclosure it lacks is
named, and the build fails unless `allow_gaps: true` (then each gap is a warning, which
`mkdocs build --strict` still turns into a failure).

If the site has no `page`, the plugin adds it. If it has one, the policy
replaces the marker `<!-- policygen -->` in it, or follows the page's own text
when there is no marker. The page is rendered by the site's theme; section
anchors (`#cookies`, `#your-rights`, ...) are the policy's own stable ids.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.errors import PolicyGenError, printable

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

MARKER = "<!-- policygen -->"


class PolicyPluginConfig(Config):  # type: ignore[no-untyped-call]
    """The plugin's options in `mkdocs.yml`."""

    answers = config_options.Type(str)
    """The answer file (YAML), relative to `mkdocs.yml`."""
    page = config_options.Type(str, default="privacy.md")
    """The page the policy goes to, relative to `docs_dir`; added when the site has none."""
    format = config_options.Choice(("markdown", "html"), default="markdown")
    """`markdown` (the theme builds the table of contents) or `html` (the policy's own HTML fragment)."""
    clauses = config_options.ListOfItems(config_options.Type(str), default=[])
    """Folders of your own clauses, relative to `mkdocs.yml`."""
    allow_gaps = config_options.Type(bool, default=False)
    """Build the site even when the policy lacks a disclosure a chosen law requires (each gap is logged as a warning)."""


class PolicyPlugin(BasePlugin[PolicyPluginConfig]):  # type: ignore[no-untyped-call]
    """Generate the privacy policy from an answer file at build time and put it on a page of the site."""

    def __init__(self) -> None:
        self._content = ""

    def on_config(self, config: Any) -> Any:
        """Build and check the policy once per build, and turn on the `attr_list` extension its anchors need.

        A policy that lacks a disclosure one of its laws requires fails the build (each gap is named, as
        `policygen build` names it), unless `allow_gaps` is set: then the gaps are logged as warnings.
        """
        from generator.pipeline import run

        base = Path(config.config_file_path or ".").resolve().parent
        fmt = "fragment" if self.config.format == "html" else "md"
        try:
            result = run(
                base / self.config.answers,
                clauses=[base / folder for folder in self.config.clauses],
                formats=[fmt],
                markdown_flavour="python-markdown",  # `{#id}` headings: MkDocs' Python-Markdown makes them the headings' ids, and its contents use them
                allow_gaps=True,  # decided below, with this plugin's own advice
                name=self.config.answers,
            )
        except PolicyGenError as exc:
            raise PluginError("policygen: " + "\n".join(exc.messages)) from None
        if result.gap_lines:
            count = len(result.report.gaps)
            if not self.config.allow_gaps:
                advice = (
                    f"{result.name}: the site is not built: {count} required disclosure(s) missing;"
                    " answer them, or set 'allow_gaps: true' in the policygen plugin's options"
                )
                raise PluginError("policygen: " + "\n".join(printable(line) for line in [*result.gap_lines, advice]))
            for line in result.gap_lines:
                log.warning("policygen: %s", printable(line))
        self._content = result.text(fmt)
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")
        return config

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        """With `mkdocs serve`, rebuild when the answer file or your own clauses change."""
        base = Path(config.config_file_path or ".").resolve().parent
        server.watch(str(base / self.config.answers))
        for folder in self.config.clauses:
            server.watch(str(base / folder))
        return server

    def on_files(self, files: Files, *, config: Any) -> Files:
        """Add the policy page when the site does not have one."""
        if files.get_file_from_path(self.config.page) is None:
            files.append(File.generated(config, self.config.page, content=MARKER))
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str | None:
        """Put the policy into its page: in place of the marker, or after the page's own text."""
        if page.file.src_uri != Path(self.config.page).as_posix():
            return markdown
        if MARKER in markdown:
            return markdown.replace(MARKER, self._content, 1)
        return markdown.rstrip() + "\n\n" + self._content
