"""Project configuration: ``bilingual.toml``, or ``[tool.bilingual]`` in ``pyproject.toml``.

Found from the working directory upward (the first folder that has either
file wins; in one folder ``bilingual.toml`` wins). Paths are relative to the
file that names them. Command-line options win over the file.

```toml
glossary = ["glossary"]          # files or folders; the embedded glossary when absent
tm = "tm/approved.tmx"
select = ["term-forbidden", "term-variant"]   # only these rules (default: all)
ignore = ["whitespace"]          # rules off
exclude = ["drafts/**", "*.seed.yaml"]        # paths never checked (globs, relative to the file)
lang = "ja"                      # language of plain text / Markdown / monolingual DOCX inputs
date = "2024-04-10"              # the documents' date when they carry none (superseded names)
register = "policy"              # policy (statements, minutes, press; default) | technical (papers)
paper = {en = "letter", ja = "a4"}            # build: paper by layout, or one for all
row_numbers = true               # build: number the parallel copy's rows (review meetings: "row 12")

[severity]                       # per rule: error | warning | info | off
term-variant = "error"
same-as-source = "off"
```
"""
from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..io.errors import InputError

SEVERITY_VALUES = ("error", "warning", "info", "off")
#: the paper sizes `build` knows (render/docx.py has their dimensions)
PAPERS = ("a4", "letter")
KEYS = {"glossary", "tm", "select", "ignore", "exclude", "severity", "lang", "date", "register", "paper",
        "row_numbers"}


@dataclass
class Config:
    path: Path | None = None
    glossaries: list[Path] = field(default_factory=list)
    tm: Path | str | None = None                          # a path, or a server URL (postgresql://…)
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    severities: dict[str, str] = field(default_factory=dict)
    lang: str | None = None
    date: str | None = None
    register: str | None = None
    paper: dict[str, str] = field(default_factory=dict)   # layout (en, ja, parallel) -> a4 | letter
    row_numbers: bool = False                             # build: number the parallel copy's rows

    def excluded(self, path: Path) -> bool:
        """Whether a path matches an ``exclude`` glob (relative to the config file's folder)."""
        if not self.exclude:
            return False
        base = self.path.parent if self.path else Path.cwd()
        try:
            rel = path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            rel = path.as_posix()
        return any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(path.name, pat)
                   or (rel.startswith(pat.rstrip("/*") + "/") and pat.endswith(("/**", "/"))) for pat in self.exclude)


@dataclass
class Options:
    """What one command runs with: the command line merged over the configuration file, once."""

    glossaries: list[Path] = field(default_factory=list)
    tm: Path | str | None = None     # a path, or a postgresql:// URL
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severities: dict[str, str] = field(default_factory=dict)
    lang: str | None = None
    config: Config = field(default_factory=Config)
    date: str | None = None          # the documents' date when they carry none (superseded names)
    register: str | None = None      # policy | technical; else by document kind


def settings(config_path: Path | None = None, *, glossaries: Iterable[Path] = (), tm: Path | str | None = None,
             select: list[str] | None = None, ignore: Iterable[str] = (), lang: str | None = None,
             date: str | None = None, register: str | None = None) -> Options:
    """The one place where the configuration file is read and merged: every command starts here.

    Command-line values win; ``ignore`` adds to the file's list.
    """
    config = load_config(config_path)
    return Options(list(glossaries) or list(config.glossaries), tm or config.tm,
                   select if select is not None else config.select, sorted(set(ignore) | set(config.ignore)),
                   dict(config.severities), lang or config.lang, config,
                   date or config.date, register or config.register)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``bilingual.toml`` or ``pyproject.toml`` with ``[tool.bilingual]``, upward from ``start``."""
    folder = (start or Path.cwd()).resolve()
    for d in (folder, *folder.parents):
        own = d / "bilingual.toml"
        if own.is_file():
            return own
        py = d / "pyproject.toml"
        if py.is_file():
            try:
                data = py.read_bytes()            # (bytes: another project's file need not be UTF-8)
            except OSError:
                continue
            if b"[tool.bilingual" in data:
                return py
    return None


def load_config(path: Path | None = None) -> Config:
    """Read a configuration file (found upward when ``path`` is None); an empty Config when there is none."""
    path = path or find_config()
    if path is None:
        return Config()
    import tomllib

    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(str(path), line, col, "not UTF-8 (TOML files must be UTF-8)") from None
    except OSError as exc:
        raise InputError(str(path), 1, 1, f"cannot read: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        line, col = getattr(exc, "lineno", 1) or 1, getattr(exc, "colno", 1) or 1
        raise InputError(str(path), line, col, f"invalid TOML: {str(exc).split(' (at')[0]}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("bilingual", {})
    return _config(path, data)


def _line_of(path: Path, key: str) -> int:
    try:
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip().startswith(key):
                return no
    except OSError:
        pass
    return 1


_SERVER_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _repository(folder: Path) -> Path:
    """The repository a configuration file belongs to: the nearest folder up with ``.git``, else its own folder."""
    folder = folder.resolve()
    for d in (folder, *folder.parents):
        if (d / ".git").exists():
            return d
    return folder


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (symlinks followed) is ``root`` or below it."""
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _config(path: Path, data: dict) -> Config:
    from ..checks.registry import catalog

    def fail(key: str, message: str) -> InputError:
        return InputError(str(path), _line_of(path, key), 1, message)

    unknown = set(data) - KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise fail(key, f"unknown setting {key!r}; expected one of: {', '.join(sorted(KEYS))}")
    base = path.parent

    def rules(key: str) -> list[str] | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"'{key}' must be a list of rule names")
        bad = [v for v in value if v not in catalog()]
        if bad:
            raise fail(key, f"unknown rule {bad[0]!r} in '{key}'")
        return value

    def paths(key: str) -> list[Path | str]:
        """The paths ``key`` names, relative to the file; a server URL kept as a string (``tm`` only)."""
        value = data.get(key, [])
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"'{key}' must be a path or a list of paths")
        out: list[Path | str] = []
        for v in value:
            if _SERVER_URL.match(v):          # a server (postgresql://…) is not a file path
                if key != "tm":
                    raise fail(key, f"'{key}' names {v!r}, a URL: a glossary is a file or a folder")
                out.append(v)
                continue
            if "\0" in v:
                raise fail(key, f"'{key}' names a path with a NUL character")
            p = base / v
            if not _inside(p, root):
                raise fail(key, f"'{key}' names {v!r}, outside the repository of this file ({root}); "
                                f"a configuration may only name files inside it: give it on the command line "
                                f"(--{'tm' if key == 'tm' else 'glossary'}) to use it")
            out.append(p)
        return out

    root = _repository(base)

    severities = data.get("severity", {})
    if not isinstance(severities, dict):
        raise fail("severity", "'severity' must be a table of rule = \"error|warning|info|off\"")
    for rule, sev in severities.items():
        if rule not in catalog():
            raise fail(rule, f"unknown rule {rule!r} in [severity]")
        if sev not in SEVERITY_VALUES:
            raise fail(rule, f"severity of {rule!r} must be one of {', '.join(SEVERITY_VALUES)}, not {sev!r}")
    exclude = data.get("exclude", [])
    if isinstance(exclude, str):
        exclude = [exclude]
    if not isinstance(exclude, list) or not all(isinstance(v, str) for v in exclude):
        raise fail("exclude", "'exclude' must be a glob or a list of globs (strings)")
    lang = data.get("lang")
    if lang not in (None, "en", "ja"):
        raise fail("lang", "'lang' must be en or ja")
    date = data.get("date")
    if date is not None:
        import datetime as _dt

        if isinstance(date, _dt.date):
            date = date.isoformat()
        from ..glossary.model import iso_date

        if not isinstance(date, str) or len(date) != 10 or iso_date(date) is None:
            raise fail("date", "'date' must be a date (2024-04-10)")
    register = data.get("register")
    if register not in (None, "policy", "technical"):
        raise fail("register", "'register' must be policy or technical")
    paper = data.get("paper", {})
    if isinstance(paper, str):
        paper = dict.fromkeys(("en", "ja", "parallel"), paper)
    if not isinstance(paper, dict) or any(k not in ("en", "ja", "parallel") or v not in PAPERS
                                          for k, v in paper.items()):
        raise fail("paper", "'paper' must be a4 or letter, or a table of them by layout "
                            "(paper = {en = \"letter\", ja = \"a4\"})")
    row_numbers = data.get("row_numbers", False)
    if not isinstance(row_numbers, bool):
        raise fail("row_numbers", "'row_numbers' must be true or false")
    tm = paths("tm")
    glossaries = [p for p in paths("glossary") if isinstance(p, Path)]   # (paths: a URL was refused above)
    return Config(path=path, glossaries=glossaries, tm=tm[0] if tm else None, select=rules("select"),
                  ignore=rules("ignore") or [], exclude=list(exclude), severities=dict(severities), lang=lang,
                  date=date, register=register, paper=dict(paper), row_numbers=row_numbers)
