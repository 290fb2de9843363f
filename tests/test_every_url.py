"""Every URL of the site, for every role and an anonymous visitor, against a declared table.

The URLs come from the URL configuration itself (allauth's and Django admin's own pages
aside), so a new page without an entry in ``TABLE`` fails here. Each page is opened with
GET and POST by every role of ``tests/url_scenario.py``; the answer must be the declared
one. Whatever is refused (404, 405, sent to the login) must leave every database table as
it was: the rows of all tables are compared before and after.
"""

import hashlib
import re
import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import URLResolver, get_resolver, reverse

from tests.url_scenario import ROLES, build

pytestmark = pytest.mark.django_db

# URL modules that are not ours: allauth's account pages and Django's admin.
FOREIGN_MODULES = ("allauth.", "django.contrib.admin")
FOREIGN_NAMESPACES = {"admin"}
# Tables a refused request may touch without anything having happened: sessions and the
# cache table, should a database cache be configured (rate limits count there).
VOLATILE_TABLES = {"django_session", "tandem_cache"}


def our_urls(resolver=None, namespace="", prefix=""):
    """{``namespace:name``: the URL's parameter names} of every URL of ours."""
    resolver = resolver or get_resolver()
    found = {}
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver) and entry.namespace in FOREIGN_NAMESPACES:
            continue
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            found |= our_urls(entry, inner, pattern)
        elif not entry.callback.__module__.startswith(FOREIGN_MODULES):
            assert entry.name, f"unnamed URL {pattern} ({entry.callback.__module__})"
            found[namespace + entry.name] = PARAMETER.findall(pattern)
    return found


PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")


def url_of(name, parameters, values):
    names = [a or b for a, b in parameters]
    kwargs = {key: values.get(name, {}).get(key, values.get(key)) for key in names}
    missing = [key for key, value in kwargs.items() if value is None]
    assert not missing, f"add a value for {missing} to tests/url_scenario.py ({name})"
    return reverse(name, kwargs=kwargs)


def table_rows() -> dict[str, str]:
    """A fingerprint of every table's rows."""
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            if table in VOLATILE_TABLES:
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 — our own table names
            rows = sorted(repr(row) for row in cursor.fetchall())
            result[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return result


def outcome(response) -> str:
    """"ok" (200, or a redirect that is not to the login), "login", or the status code."""
    if response.status_code == 200:
        return "ok"
    if response.status_code == 302:
        return "login" if response.url.startswith(reverse("account_login")) else "ok"
    return str(response.status_code)


# POSTs that remove something go last, so that the pages of what they remove are seen first.
def _post_order(name):
    return any(word in name for word in ("remove", "delete", "withdraw")), name


def walk(client, people, values, role) -> tuple[dict, list]:
    """{(name, method): outcome} for one role, and the refused requests that changed rows."""
    cache.clear()
    if role != "anonymous":
        client.force_login(people[role])
    urls = {name: url_of(name, parameters, values)
            for name, parameters in sorted(our_urls().items())}
    seen, changed = {}, []
    before = table_rows()
    requests = [(name, "get") for name in urls]
    requests += [(name, "post") for name in sorted(urls, key=_post_order)]
    for name, method in requests:
        response = getattr(client, method)(urls[name])
        seen[name, method] = result = outcome(response)
        after = table_rows()
        if result != "ok":
            diff = sorted(table for table in after if after[table] != before.get(table))
            if diff:
                changed.append((name, method, result, diff))
        before = after
    return seen, changed
