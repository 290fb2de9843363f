"""The Nu HTML Checker (vnu), run once over many saved pages.

vnu.jar comes from the npm package ``vnu-jar`` (``make vnu`` installs it into .ci/vnu at
the version its package-lock.json names) and runs with Java. Starting Java takes seconds,
so the callers write all their pages to files first and check them in one run.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

VNU = Path(__file__).resolve().parents[1] / ".ci/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
JAVA = shutil.which("java")

needs_vnu = pytest.mark.skipif(
    JAVA is None or not VNU.exists(),
    reason="vnu needs java (Debian: default-jre-headless) and vnu.jar (`make vnu`, npm vnu-jar)",
)


def html_errors(pages: dict[Path, str]) -> list[str]:
    """vnu's errors in the files ``pages`` names (file → what the page is), one per line."""
    if not pages:
        return []
    result = subprocess.run(  # noqa: S603 — our own command line
        [JAVA, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    by_file = {path.resolve(): label for path, label in pages.items()}
    return [
        f"{by_file.get(Path(m['url'].removeprefix('file:')).resolve(), m['url'])}, line "
        f"{m.get('lastLine')}: {m['message']}  [{m.get('extract', '').strip()[:120]}]"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]
