"""Headers every reply carries. The pages need no script at all, so the policy allows none; the
API docs page's own inline script is allowed by its hash alone (computed from the page served)."""
from __future__ import annotations

import base64
import hashlib
import re

from fastapi import FastAPI, Request
from starlette.responses import Response

PAGE_POLICY = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
               "base-uri 'none'; frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc")
INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)


def docs_policy(body: bytes) -> str:
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
                      for script in INLINE_SCRIPT.findall(body))
    return (f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; frame-ancestors 'none'")


def install_security_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        if request.url.path in DOCS_PATHS:
            body = b"".join([chunk async for chunk in response.body_iterator])
            response = Response(body, status_code=response.status_code, headers=dict(response.headers))
            response.headers["Content-Security-Policy"] = docs_policy(body)
        else:
            response.headers["Content-Security-Policy"] = PAGE_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response
