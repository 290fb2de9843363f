"""Erasure and retention change each app's rows only through that app's own services.

``privacy`` walks the registry; each app's ``personal_data.py`` reads and describes, and
hands every change to a service of its own app; a service that erases or cleans up asks
another app's service for that app's rows (applications asks programmes to take the
mentee role away) instead of deleting them itself. Read from the source, so that a direct
write creeping back in fails here (tests/privacy checks what the erasure does).
"""

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "tandem"

# Calls that change rows: on a queryset, a model instance or a related manager.
WRITES = {
    "delete",
    "save",
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "clear",
    "set_unusable_password",
}
# The functions of the erasure and retention paths, by their names in every app.
ERASING = re.compile(r"^_?(erase|clean|expire|delete|remove|anonymise|apply_retention)")


def modules(pattern: str = "*.py"):
    for path in sorted(SRC.rglob(pattern)):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text())


def writes_in(tree) -> list[str]:
    """Each call that writes rows, as ``line: code``. ``update`` counts with keywords
    only (``QuerySet.update(field=...)``; ``dict.update(other)`` writes nothing)."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name = node.func.attr
        if ast.unparse(node.func.value).endswith("storage"):
            continue  # a file leaving storage (privacy/files.py), not a row
        if name in WRITES or (name == "update" and node.keywords and not node.args):
            found.append(f"{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def other_apps_models(tree, app: str) -> dict[str, str]:
    """Names imported from another app's ``models`` module, with that app."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tandem."):
            parts = node.module.split(".")
            if parts[-1] == "models" and parts[1] != app:
                names.update({alias.asname or alias.name: parts[1] for alias in node.names})
    return names


def test_privacy_imports_no_app_but_the_audit_log():
    imported = set()
    for path, tree in modules():
        if path.relative_to(SRC).parts[0] != "privacy":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tandem."):
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported |= {a.name for a in node.names if a.name.startswith("tandem.")}
    audit_log = {"tandem.audit.services", "tandem.audit.selectors"}
    assert imported <= audit_log | {"tandem.privacy", "tandem.privacy.registry"}


def test_privacy_and_the_personal_data_modules_write_no_rows():
    direct = {}
    for path, tree in modules():
        relative = path.relative_to(SRC)
        checked = relative.parts[0] == "privacy" or relative.name == "personal_data.py"
        if checked and (writes := writes_in(tree)):
            direct[str(relative)] = writes
    assert direct == {}


def test_erasing_and_cleaning_functions_name_no_other_apps_models():
    """They ask the owning app's services instead (``programmes.remove_mentee_roles``)."""
    crossing = {}
    for path, tree in modules():
        relative = path.relative_to(SRC)
        if relative.parts[0] == "demo":  # demo data builds every app's rows on purpose
            continue
        foreign = other_apps_models(tree, relative.parts[0])
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef) and ERASING.match(function.name):
                used = {n.id for n in ast.walk(function) if isinstance(n, ast.Name)}
                if used & set(foreign):
                    crossing[f"{relative}:{function.name}"] = sorted(used & set(foreign))
    assert crossing == {}


def test_the_checks_notice_a_direct_write():
    """The checks above would see the writes they forbid (so their passing means something)."""
    sample = ast.parse(
        "from tandem.programmes.models import RoundRole\n"
        "def erase(user):\n"
        "    RoundRole.objects.filter(person=user).delete()\n"
        "    Token.objects.filter(person=user).update(person=None)\n"
        "    user.save()\n"
        "    counts.update(more)\n"
    )
    assert [line.split(":")[0] for line in writes_in(sample)] == ["3", "4", "5"]
    assert other_apps_models(sample, "applications") == {"RoundRole": "programmes"}
    assert other_apps_models(sample, "programmes") == {}


def test_audit_entries_are_written_by_the_audit_service_only():
    writers = []
    for path, tree in modules():
        for node in ast.walk(tree):
            writing = (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in WRITES | {"update"}
            )
            if writing and "AuditEntry.objects" in ast.unparse(node.func):
                writers.append(str(path.relative_to(SRC)))
    assert sorted(set(writers)) == ["audit/services.py"]
