"""Where each page lives: the same templates link to files in `analyze --out DIR` and to the
routes of `storylens serve` (DESIGN.md's web routes)."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode


def file_stem(page_id: str) -> str:
    """An id as a file name: ids come from input records and may hold anything."""
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in page_id) or "page"


@dataclass(frozen=True, slots=True)
class FileLinks:
    """Links between the files of a report directory; `up` leads from a page to the directory."""

    up: str = ""
    static: bool = True

    def index(self, page: int = 1, status: str | None = None, **_ignored) -> str:
        name = "index" + (f"-{file_stem(status)}" if status else "") + (f"-{page}" if page > 1 else "")
        return f"{self.up}{name}.html"

    def story(self, story_id: str) -> str:
        return f"{self.up}stories/{file_stem(story_id)}.html"

    def story_markdown(self, story_id: str) -> str:
        return f"{self.up}stories/{file_stem(story_id)}.md"

    def claim(self, claim_id: str, story_id: str) -> str:
        # A claim is a section of its story's page: a file per claim doubled the report's files
        # (and its writing time) for no page a reader lacks.
        return f"{self.story(story_id)}#claim-{claim_id}"

    def article(self, article_id: str, start: int | None = None) -> str:
        return f"{self.up}articles/{file_stem(article_id)}.html" + (f"#s-{start}" if start is not None else "")

    def asset(self, name: str) -> str:
        return f"{self.up}{name}"

    def search(self) -> str | None:
        return None  # a directory of files cannot search; `storylens serve` can


@dataclass(frozen=True, slots=True)
class WebLinks:
    """The routes of `storylens serve`."""

    static: bool = False

    def index(self, page: int = 1, status: str | None = None, **query) -> str:
        params = {key: value for key, value in (query | {"status": status}).items() if value}
        if page > 1:
            params["page"] = page
        return "/" + (f"?{urlencode(params)}" if params else "")

    def story(self, story_id: str) -> str:
        return f"/stories/{quote(story_id, safe='')}"

    def story_markdown(self, story_id: str) -> str:
        return f"/stories/{quote(story_id, safe='')}.md"

    def claim(self, claim_id: str, story_id: str | None = None) -> str:
        return f"/claims/{quote(claim_id, safe='')}"

    def article(self, article_id: str, start: int | None = None) -> str:
        return f"/articles/{quote(article_id, safe='')}" + (f"#s-{start}" if start is not None else "")

    def asset(self, name: str) -> str:
        return f"/static/{name}"

    def search(self) -> str:
        return "/search"
