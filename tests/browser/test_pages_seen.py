"""The whole-round walk's page keeper (pages_seen.py) keeps pages in both languages and its
axe pass finds violations in kept pages: the walk's "no violations" means something."""

import pytest

from tests.browser.pages_seen import PagesSeen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_ALT = (
    b'<!doctype html><html lang="en"><head><title>No alt</title></head>'
    b'<body><main><h1>No alt</h1><img src="/static/missing.png"></main></body></html>'
)


def test_pages_are_kept_in_both_languages_and_axe_sees_them(live_server, browser, tmp_path):
    seen = PagesSeen(live_server.url, tmp_path)
    context = browser.new_context(locale="en-GB")
    seen.watch(context)
    page = context.new_page()
    page.goto(live_server.url + "/")
    seen.settle(page)
    context.close()
    assert {(p.path, p.language) for p in seen.pages} == {("/", "en"), ("/", "de")}
    assert seen.failures == [] and seen.one_language_only() == []

    seen.keep("GET", live_server.url + "/no-alt/", 200, NO_ALT)
    assert seen.one_language_only() == ["/no-alt/ (en, 200) was not seen in de"]
    violations = seen.axe(browser)
    assert seen.axed == 3
    assert [v.split(" [")[0] for v in violations] == ["GET /no-alt/ (en, 200)"]
    assert "image-alt" in violations[0]
