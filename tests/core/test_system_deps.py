"""`make test` checks Debian's Chromium and gettext; without root it says what to install."""

import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "system-deps"


def run(tools: Path, **env):
    # Only the tools the script needs (the shell and id) are on the PATH, plus ``tools``.
    for name in ("sh", "id"):
        (tools / name).symlink_to(shutil.which(name))
    return subprocess.run(
        ["/bin/sh", str(SCRIPT)],
        capture_output=True,
        text=True,
        check=False,
        env={**env, "PATH": str(tools)},
    )


def test_missing_packages_are_named_in_one_line(tmp_path):
    result = run(tmp_path, CHROMIUM=str(tmp_path / "no-chromium"), TANDEM_NO_INSTALL="1")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "Missing for the tests: please install the Debian packages chromium "
        "gettext (sudo apt-get install chromium gettext)."
    ]


def test_nothing_to_do_when_both_are_there(tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    msgfmt = tmp_path / "msgfmt"
    msgfmt.write_text("#!/bin/sh\n")
    msgfmt.chmod(0o755)
    result = run(tmp_path, CHROMIUM=str(chromium), TANDEM_NO_INSTALL="1")
    assert result.returncode == 0 and result.stderr == ""
