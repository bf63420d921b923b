"""An installed `bilingual` works outside the checkout, on the data the wheel carries."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from conftest import EXAMPLE, ROOT


def test_the_wheel_carries_the_data_and_builds_the_example_outside_the_checkout(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("bilingual-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("bilingual/_data/glossary/") and n.endswith(".yaml") for n in names)
    assert "bilingual/_data/templates/reference.docx" in names
    assert any(n.startswith("bilingual/_data/templates/locale/ja/") for n in names)

    # A new venv that sees the running environment's libraries (whether or not that is itself a venv)
    # but not its copy of bilingual: the dependency paths are added by a .pth file, whose own .pth files
    # (an editable install of this checkout) are not processed.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    theirs = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            capture_output=True, text=True, check=True).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(theirs) / "_running_env.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    content = elsewhere / "statement.yaml"
    content.write_bytes(EXAMPLE.read_bytes())
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = subprocess.run([str(venv / "bin" / "bilingual"), "build", "statement.yaml", "-o", "out"], cwd=elsewhere,
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    located = subprocess.run([str(python), "-c", "import bilingual; print(bilingual.__file__)"], cwd=elsewhere,
                             capture_output=True, text=True, env=env).stdout
    assert str(venv) in located
    assert sorted(p.name for p in (elsewhere / "out").iterdir()) == [
        "doe-mext-fusion-2024.en.docx", "doe-mext-fusion-2024.ja.docx", "doe-mext-fusion-2024.parallel.docx"]
