"""The German UI is complete: every text the code and templates mark for translation has
a German translation that is neither missing nor fuzzy.

Django's makemessages runs over a copy of the sources (so the checkout's catalogue stays
as it is) and gettext's msgattrib lists what is left untranslated or fuzzy.
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def entries(catalogue: Path, option: str) -> list[str]:
    listed = subprocess.run(
        ["msgattrib", option, "--no-wrap", str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # The header is an entry with an empty msgid; it is not a text of the UI.
    lines = listed.splitlines()
    return [line for line in lines if line.startswith("msgid ") and line != 'msgid ""']


def test_every_marked_text_has_a_german_translation(tmp_path):
    for part in ("src", "locale"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "de", "--no-obsolete", "-v0"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path / "src")},
        check=True,
    )
    catalogue = tmp_path / "locale" / "de" / "LC_MESSAGES" / "django.po"
    assert entries(catalogue, "--untranslated") == []
    assert entries(catalogue, "--only-fuzzy") == []


def test_the_checkout_carries_no_fuzzy_or_empty_german_translation():
    catalogue = ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"
    assert entries(catalogue, "--untranslated") == []
    assert entries(catalogue, "--only-fuzzy") == []
