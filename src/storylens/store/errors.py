"""Why a store cannot be used. Each message is one line that names the store (password masked),
meant to be printed as it is."""
from __future__ import annotations


class StoreError(Exception):
    """A store that cannot be opened or read by this storylens."""


class StoreUnavailable(StoreError):
    """No driver for the URL, a server that cannot be reached, or a URL that is not one."""


class NewerSchema(StoreError):
    """The store was written by a newer storylens; this one would misread it."""
