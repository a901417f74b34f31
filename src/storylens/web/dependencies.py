"""What routes receive through `Depends`: the store, and (for writes) the token check."""
from __future__ import annotations

import hmac

from fastapi import Header, HTTPException, Request
from sqlalchemy import Engine


def get_store(request: Request) -> Engine:
    return request.app.state.store


def require_token(request: Request, authorization: str | None = Header(default=None)) -> None:
    """Writes need `Authorization: Bearer T` when the server was started with `--token T`."""
    token = request.app.state.token
    if token and not hmac.compare_digest(authorization or "", f"Bearer {token}"):
        raise HTTPException(401, "a token is needed: send Authorization: Bearer <token>")
