"""`make test` checks Debian's Chromium and gettext; without root it says what to install."""

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "system-deps"


def run(**env):
    return subprocess.run([str(SCRIPT)], capture_output=True, text=True, check=False,
                          env={"PATH": os.environ["PATH"], **env})


def test_missing_packages_are_named_in_one_line(tmp_path):
    # An empty PATH directory plus /bin for the shell tools: no msgfmt, no chromium.
    result = run(CHROMIUM=str(tmp_path / "no-chromium"), TANDEM_NO_INSTALL="1",
                 PATH=f"{tmp_path}:/bin")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == ["Missing for the tests: please install the Debian packages chromium "
                     "gettext (sudo apt-get install chromium gettext)."]


def test_nothing_to_do_when_both_are_there(tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    msgfmt = tmp_path / "msgfmt"
    msgfmt.write_text("#!/bin/sh\n")
    msgfmt.chmod(0o755)
    result = run(CHROMIUM=str(chromium), TANDEM_NO_INSTALL="1", PATH=f"{tmp_path}:/bin")
    assert result.returncode == 0 and result.stderr == ""
