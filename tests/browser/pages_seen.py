"""Every page a browser test's contexts load, kept, and also fetched in the other language.

The HTML kept is the server's response body, not ``page.content()``: the DOM is what the
browser's parser made of the markup, and it silently repairs what vnu should report
(stray end tags, misnested elements). htmx fragments are not documents and are left out.

For each page seen in one language the same page is fetched once more in the other
language, as the same person (their cookies, with the language cookie set to the other
language, which wins over the stored preference): a GET is repeated, a refused form
(a POST answered with 4xx or with ``aria-invalid`` fields) is sent once more, which
changes nothing because it is refused again. Pages whose GET has a side effect are not
repeated (``NOT_REPEATED``). The browser drops a body once its page is left; a GET whose
body was not read in time is asked again the same way, in the same language.

axe runs afterwards, once per path, language and state (shown or refused), on the kept
HTML served to a cookie-less page with the site's own styles and scripts, so the check
sees exactly what the person saw and sends nothing to the server.
"""

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
OTHER = {"de": "en", "en": "de"}
# A GET of the authenticator set-up page makes a new secret, the one the test has read
# would no longer count.
NOT_REPEATED = ("/accounts/2fa/totp/activate/",)
LANG = re.compile(rb"<html[^>]*\blang=\"([a-z-]+)\"")


@dataclass
class Page:
    method: str
    path: str
    status: int
    language: str
    refused: bool
    body: bytes
    file: Path | None = None

    @property
    def state(self) -> str:
        return "refused" if self.refused else str(self.status)

    @property
    def label(self) -> str:
        return f"{self.method} {self.path} ({self.language}, {self.state})"


class PagesSeen:
    def __init__(self, base: str, directory: Path):
        self.base = base
        self.directory = directory
        self.pages: list[Page] = []
        self.keys: set[tuple[str, str, str]] = set()
        self.failures: list[str] = []
        self.pending = 0
        self.axed = 0  # how many pages axe checked (set by axe())
        directory.mkdir(parents=True, exist_ok=True)
        for old in directory.glob("*.html"):
            old.unlink()

    def watch(self, context) -> None:
        context.on("response", lambda response: self._on_response(context, response))

    def settle(self, page) -> None:
        """Wait for the bodies still being read (before a context closes)."""
        # Let the browser's events waiting in the queue arrive first: a response whose
        # event has not been dispatched yet is not counted in ``pending``.
        page.wait_for_timeout(50)
        for _ in range(500):
            if not self.pending:
                return
            page.wait_for_timeout(20)
        self.failures.append(f"{self.pending} responses still being read after 10 s")

    # --- while the walk runs ---------------------------------------------------------

    def _on_response(self, context, response) -> None:
        request = response.request
        if (
            request.resource_type != "document"
            or not request.url.startswith(self.base)
            or not (200 <= response.status < 300 or 400 <= response.status < 500)
            or "text/html" not in response.headers.get("content-type", "")
        ):
            return
        self.pending += 1
        try:
            try:
                body = response.body()
            except Error:
                # The walk went on before the body was read (the browser drops it): a GET
                # is asked again as the same person, in the same language.
                if request.method != "GET" or urlsplit(request.url).path.startswith(NOT_REPEATED):
                    raise
                _, body, _ = self._fetch(context, request)
            page = self.keep(request.method, request.url, response.status, body)
            if page is not None and not page.path.startswith(NOT_REPEATED):
                self._other_language(context, request, page)
        except Exception as error:  # reported at the end, with the URL
            self.failures.append(f"{request.method} {request.url}: not kept: {error!r}")
        finally:
            self.pending -= 1

    def keep(self, method, url, status, body) -> Page | None:
        found = LANG.search(body)
        if found is None:
            self.failures.append(f"{method} {url}: no <html lang> in the page")
            return None
        refused = method == "POST" and (status >= 400 or b'aria-invalid="true"' in body)
        page = Page(method, urlsplit(url).path, status, found.group(1).decode(), refused, body)
        page.file = self.directory / f"{len(self.pages):03d}-{page.language}.html"
        page.file.write_bytes(body)
        self.pages.append(page)
        return page

    def _other_language(self, context, request, seen: Page) -> None:
        if seen.method == "POST" and not seen.refused:
            return
        other = OTHER[seen.language]
        if (seen.path, other, seen.state) in {(p.path, p.language, p.state) for p in self.pages}:
            return
        data = None
        if seen.method == "POST":
            data = request.post_data_buffer
            if data is None:  # a form with a file: the browser does not tell its body
                return
        status, body, url = self._fetch(context, request, other, data)
        if status != seen.status or urlsplit(url).path != seen.path:
            self.failures.append(f"{seen.label}: {status} {url} in {other}")
        page = self.keep(seen.method, url, status, body)
        if page is not None and page.language != other:
            self.failures.append(f"{page.label}: asked for {other}, got {page.language}")

    def _fetch(self, context, request, language=None, data=None) -> tuple[int, bytes, str]:
        """The request once more with the person's cookies (in ``language`` if given)."""
        cookies = context.cookies(self.base)
        headers = {"Accept-Language": request.headers.get("accept-language", "")}
        if language is not None:
            cookies = [c for c in cookies if c["name"] != "django_language"]
            cookies.append({"name": "django_language", "value": language})
            headers["Accept-Language"] = language
        headers["Cookie"] = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
        if data is not None:
            headers["Content-Type"] = request.headers["content-type"]
        again = urllib.request.Request(request.url, data=data, headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(again, timeout=30) as answer:  # noqa: S310 — live server
                return answer.status, answer.read(), answer.geturl()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read(), request.url

    # --- afterwards ------------------------------------------------------------------

    def one_language_only(self) -> list[str]:
        """The pages (path and state) seen in one language only."""
        seen = {(p.path, p.state, p.language) for p in self.pages}
        return sorted(
            f"{path} ({language}, {state}) was not seen in {OTHER[language]}"
            for path, state, language in seen
            if (path, state, OTHER[language]) not in seen and not path.startswith(NOT_REPEATED)
        )

    def index(self) -> dict[Path, str]:
        labels = {page.file: page.label for page in self.pages}
        (self.directory / "index.json").write_text(
            json.dumps({path.name: label for path, label in labels.items()}, indent=1)
        )
        return labels

    def axe(self, browser) -> list[str]:
        """axe on each path, language and state once; the violations, one per line."""
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        shown: dict[str, Page] = {}

        def serve(route):
            request = route.request
            if request.resource_type == "document" and request.url in shown:
                kept = shown[request.url]
                route.fulfill(status=kept.status, content_type="text/html", body=kept.body)
            elif request.resource_type in {"stylesheet", "script", "image", "font"}:
                route.continue_()
            else:
                route.abort()

        context.route("**/*", serve)
        violations = []
        checked = set()
        try:
            for kept in self.pages:
                key = (kept.path, kept.language, kept.state)
                if key in checked:
                    continue
                checked.add(key)
                url = f"{self.base}{kept.path}?kept={len(checked)}"
                shown[url] = kept
                page.goto(url)
                result = Axe().run(page, options=WCAG).response
                violations += [
                    f"{kept.label} [{kept.file.name}]: {v['id']} ({v['impact']}): "
                    f"{v['nodes'][0]['html'][:160]}"
                    for v in result["violations"]
                ]
        finally:
            context.close()
        self.axed = len(checked)
        return violations
