"""Helpers for checking the generated HTML in a real browser (Debian's Chromium, driven by playwright).

Nothing here downloads a browser: `make browser-deps` installs Chromium and Java with apt-get and
axe-core and vnu-jar with `npm ci`. When one of them is missing the tests fail with a message that
says how to install it; they never skip.
"""
