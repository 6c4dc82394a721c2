"""The PDF export's URL fetcher: it serves only the bundled print assets and refuses everything else.

WeasyPrint asks its URL fetcher for every stylesheet, font, image and attachment a page names. The
default fetcher reads `file://` paths and downloads from the network, so a `<link rel="attachment"
href="file:///...">` would embed a local file in the PDF. This fetcher answers only for the
`policygen-asset:` scheme, from an allow-list of files in `templates/`, and refuses any other URL
without opening it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from weasyprint.urls import URLFetcher, URLFetcherResponse

from generator.resources import resource_dir

SCHEME = "policygen-asset:"
_MEDIA_TYPES = {".css": "text/css", ".ttf": "font/ttf"}
ASSETS: tuple[str, ...] = (
    "print.css",
    "fonts/NotoSans-Regular.ttf",
    "fonts/NotoSans-Bold.ttf",
    "fonts/NotoSans-Italic.ttf",
    "fonts/NotoSansDevanagari-Regular.ttf",
    "fonts/NotoSansDevanagari-Bold.ttf",
)


class RefusedURLError(ValueError):
    """A URL the PDF export does not fetch; WeasyPrint skips the resource and goes on."""


def asset_url(name: str) -> str:
    """The URL under which the fetcher serves the bundled asset `name` (a path inside `templates/`)."""
    if name not in ASSETS:
        raise KeyError(f"'{name}' is not a bundled PDF asset")
    return SCHEME + name


@functools.cache
def _read_asset(name: str) -> bytes:
    return (resource_dir("templates") / Path(name)).read_bytes()


class BundledAssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serve the allow-listed assets under `policygen-asset:`; refuse network, `file://`, `data:` and the rest.

    Every URL asked for is recorded in `requested`, and every refused one also in `refused`.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols=(SCHEME.rstrip(":"),), allow_redirects=False, fail_on_errors=False)
        self.requested: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        """Return the bundled asset `url` names.

        Raises:
            RefusedURLError: for any URL that is not one of the bundled assets.
        """
        self.requested.append(url)
        name = url[len(SCHEME) :] if url.startswith(SCHEME) else None
        if name not in ASSETS:
            self.refused.append(url)
            raise RefusedURLError(f"the PDF export only loads its bundled assets; refused {url[:200]!r}")
        assert name is not None
        media_type = _MEDIA_TYPES[Path(name).suffix]
        return URLFetcherResponse(url, body=_read_asset(name), headers={"Content-Type": media_type})
