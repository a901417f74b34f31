"""`storylens serve`: the dossier pages and their JSON twins, read from the store (FastAPI)."""
from storylens.web.app import create_app

__all__ = ["create_app"]
