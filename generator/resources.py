"""The one resource locator: where the built-in templates and clause library live."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

Resource = Literal["templates", "clauses"]


@functools.cache
def resource_dir(name: Resource) -> Path:
    """Return the folder of a built-in resource.

    In an installed wheel the folders sit inside the `generator` package; in a
    checkout (including an editable install) they sit at the repository root.
    The package is a folder on disk either way (the resources are read as files),
    so its folder is this module's: the one `importlib.resources.files` gives,
    whose first use costs about 1 ms of a cold start.
    """
    packaged = Path(__file__).parent / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"the built-in '{name}' folder is missing from this installation")
