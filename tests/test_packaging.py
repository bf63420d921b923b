"""An installed `bilingual` works outside the checkout, on the data the wheel carries."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT


class Installed:
    """A wheel of this checkout installed into a new venv; commands run in a folder outside the checkout."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.wheel = _install(root)
        self.venv = root / "venv"
        self.elsewhere = root / "elsewhere"
        self.elsewhere.mkdir()
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.venv / "bin" / "bilingual"), *args], cwd=self.elsewhere,
                              capture_output=True, text=True, env=self.env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    return Installed(tmp_path_factory.mktemp("installed"))


def _install(tmp_path: Path) -> Path:
    """Build the wheel and install it into tmp_path/venv; return the wheel."""
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("bilingual-*.whl"))

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
    return wheel


def test_the_wheel_carries_the_data_and_builds_the_example_outside_the_checkout(installed):
    names = zipfile.ZipFile(installed.wheel).namelist()
    assert any(n.startswith("bilingual/_data/glossary/") and n.endswith(".yaml") for n in names)
    assert "bilingual/_data/glossary/sources.yaml" in names
    assert "bilingual/_data/templates/reference.docx" in names
    assert any(n.startswith("bilingual/_data/templates/locale/ja/") for n in names)
    venv, elsewhere, env = installed.venv, installed.elsewhere, installed.env
    (elsewhere / "statement.yaml").write_bytes(EXAMPLE.read_bytes())
    run = installed.run("build", "statement.yaml", "-o", "out")
    assert run.returncode == 0, run.stderr
    located = subprocess.run([str(venv / "bin" / "python"), "-c", "import bilingual; print(bilingual.__file__)"],
                             cwd=elsewhere, capture_output=True, text=True, env=env).stdout
    assert str(venv) in located
    assert sorted(p.name for p in (elsewhere / "out").iterdir()) == [
        "doe-mext-fusion-2024.en.docx", "doe-mext-fusion-2024.ja.docx", "doe-mext-fusion-2024.parallel.docx"]
    # the glossary's sources open from the installed package: the treaty name, the MT form, full URLs
    run = installed.run("glossary", "lookup", "日米核融合調整委員会")
    assert run.returncode == 0, run.stderr
    assert "核融合エネルギーに関する調整委員会  [admitted, fullForm]" in run.stdout
    assert "核融合エネルギー調整委員会  [deprecated, fullForm]" in run.stdout
    assert "https://www.mofa.go.jp/mofaj/gaiko/treaty/htmls/A-S54-1163.html" in run.stdout
    assert "https://www.mext.go.jp/b_menu/activity/detail/2024/20240409_2.html" in run.stdout
    run = installed.run("glossary", "validate")
    assert run.returncode == 0 and "no problems" in run.stderr


def test_the_installed_package_imports_a_tmx_into_postgresql_and_looks_up(installed, pg_url):
    """Issue 15: `tm import big.tmx --tm postgresql://…` then `tm lookup`, from the installed package."""
    tmx = installed.elsewhere / "big.tmx"
    units = "".join(
        f'<tu><tuv xml:lang="en"><seg>The plasma reached {n} million degrees.</seg></tuv>'
        f'<tuv xml:lang="ja"><seg>プラズマは{n}百万度に達した。</seg></tuv></tu>' for n in range(1, 401))
    tmx.write_text('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" '
                   'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" '
                   f'datatype="plaintext"/><body>{units}</body></tmx>', encoding="utf-8")
    run = installed.run("tm", "import", "big.tmx", "--tm", pg_url)
    assert run.returncode == 0, run.stderr
    assert "400 TU(s) added" in run.stdout
    run = installed.run("tm", "lookup", "The plasma reached 150 million degrees.", "--tm", pg_url)
    assert run.returncode == 0, run.stderr
    assert "プラズマは150百万度に達した。" in run.stdout and "100.0%" in run.stdout
