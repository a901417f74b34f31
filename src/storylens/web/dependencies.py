"""What routes receive through `Depends`: the store."""
from __future__ import annotations

from fastapi import Request
from sqlalchemy import Engine


def get_store(request: Request) -> Engine:
    return request.app.state.store
