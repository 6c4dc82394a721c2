"""The MkDocs plugin: the privacy policy as a page of the site, rebuilt with every `mkdocs build`.

In `mkdocs.yml`:

    plugins:
      - policygen:
          answers: privacy.yaml      # the answer file, relative to mkdocs.yml
          page: privacy.md           # where the policy goes (default: privacy.md)
          allow_gaps: false          # default: a missing required disclosure fails the build

The policy is checked as `policygen build` checks it: each required disclosure it lacks is
named, and the build fails unless `allow_gaps: true` (then each gap is a warning, which
`mkdocs build --strict` still turns into a failure). A build logs one line saying what it made.

If the site has no `page`, the plugin adds it. If it has one, the policy
replaces the marker `<!-- policygen -->` in it, or follows the page's own text
when there is no marker. The page is rendered by the site's theme, and the theme's own table
of contents lists the policy's sections (the policy's contents list is left out, so the page has
one). Section anchors (`#cookies`, `#your-rights`, ...) are the policy's own stable ids. The
policy's stylesheet (`assets/policygen/privacy-policy.css`, scoped to `.privacy-policy`) is added
to the site's `extra_css`; its colours and font fall back to the theme's.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink

from generator.errors import PolicyGenError, printable

if TYPE_CHECKING:
    from generator.pipeline import Result

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

MARKER = "<!-- policygen -->"
STYLESHEET = "assets/policygen/privacy-policy.css"
"""Where the policy's stylesheet is put in the built site."""
_START, _END = "<!-- policygen:start -->", "<!-- policygen:end -->"
"""Around the policy's Markdown, so that the HTML the theme gets can wrap it in `<div class="privacy-policy">`."""


class PolicyPluginConfig(Config):  # type: ignore[no-untyped-call]
    """The plugin's options in `mkdocs.yml`."""

    answers = config_options.Type(str)
    """The answer file (YAML), relative to `mkdocs.yml`."""
    page = config_options.Type(str, default="privacy.md")
    """The page the policy goes to, relative to `docs_dir`; added when the site has none."""
    format = config_options.Choice(("markdown", "html"), default="markdown")
    """`markdown` (the theme renders the policy's Markdown) or `html` (the policy's own HTML fragment: tables as labelled cards on a phone)."""
    clauses = config_options.ListOfItems(config_options.Type(str), default=[])
    """Folders of your own clauses, relative to `mkdocs.yml`."""
    allow_gaps = config_options.Type(bool, default=False)
    """Build the site even when the policy lacks a disclosure a chosen law requires (each gap is logged as a warning)."""
    stylesheet = config_options.Type(bool, default=True)
    """Add the policy's stylesheet to the site (`extra_css`); false leaves the policy to the theme's styles alone."""


class PolicyPlugin(BasePlugin[PolicyPluginConfig]):  # type: ignore[no-untyped-call]
    """Generate the privacy policy from an answer file at build time and put it on a page of the site."""

    def __init__(self) -> None:
        self._result: Result | None = None
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
                formats=[fmt, "css"],
                markdown_flavour="python-markdown",  # `{#id}` headings: MkDocs' Python-Markdown makes them the headings' ids, and its contents use them
                contents=False,  # the theme's table of contents lists the sections
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
        self._result = result
        text = result.text(fmt)
        self._content = text if fmt == "fragment" else f"{_START}\n\n{text}\n{_END}"
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")
        if self.config.stylesheet and STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        log.info("policygen: %s", printable(self._summary()))
        return config

    def _summary(self) -> str:
        """The line a build logs: the page, its answers, its sections, and what the check found."""
        assert self._result is not None
        result, page = self._result, self.config.page
        regimes = result.report.regimes
        needed = sum(len(r.findings) for r in regimes)
        gaps = len(result.report.gaps)
        laws = f" ({', '.join(r.regime.regime for r in regimes)})" if regimes else ""
        checked = f"{needed - gaps} of {needed} required disclosures covered{laws}" + (f", {gaps} missing (allow_gaps)" if gaps else "")
        return f"built {page} from {result.name}: the privacy policy of {result.policy.business_name}, {len(result.policy.sections)} sections; {checked}"

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        """With `mkdocs serve`, rebuild when the answer file or your own clauses change."""
        base = Path(config.config_file_path or ".").resolve().parent
        server.watch(str(base / self.config.answers))
        for folder in self.config.clauses:
            server.watch(str(base / folder))
        return server

    def on_files(self, files: Files, *, config: Any) -> Files:
        """Add the policy page when the site does not have one, and the policy's stylesheet."""
        if files.get_file_from_path(self.config.page) is None:
            files.append(File.generated(config, self.config.page, content=MARKER))
        if self.config.stylesheet and self._result is not None:
            files.append(File.generated(config, STYLESHEET, content=self._result.text("css")))
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str | None:
        """Put the policy into its page: in place of the marker, or after the page's own text."""
        if not self._is_policy_page(page):
            return markdown
        if MARKER in markdown:
            return markdown.replace(MARKER, self._content, 1)
        return markdown.rstrip() + "\n\n" + self._content

    def on_page_content(self, html_text: str, *, page: Any, config: Any, files: Files) -> str | None:
        """Scope the policy's Markdown under `.privacy-policy`; list the fragment's sections in the theme's table of contents.

        The Markdown's headings are in the page's table of contents already; the fragment is raw HTML to
        Python-Markdown, so its sections are added to it here.
        """
        if not self._is_policy_page(page) or self._result is None:
            return html_text
        if self.config.format == "markdown":
            return html_text.replace(_START, '<div class="privacy-policy">', 1).replace(_END, "</div>", 1)
        policy = self._result.policy
        links = [AnchorLink(html.escape(section.heading), section.id, 2) for section in policy.sections]
        items = page.toc.items
        if len(items) == 1 and items[0].level == 1:
            items[0].children.extend(links)  # under the page's own title
        else:  # under the policy's title, as the Markdown's headings would be
            title = AnchorLink(html.escape(policy.title), "pp-title", 1)
            title.children.extend(links)
            items.append(title)
        return html_text

    def _is_policy_page(self, page: Any) -> bool:
        return bool(page.file.src_uri == Path(self.config.page).as_posix())
