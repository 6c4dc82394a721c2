"""`policygen build`: one file or thousands, across CPU cores, with a manifest that skips unchanged inputs."""
