"""Render the site into a folder with Jinja2 (autoescape on, undefined names are errors).

Layout of ``reports/site/``: ``index.html`` (language choice), ``site.css``, and per language
``<lang>/index.html`` (regions and themes), ``<lang>/<pack>.html``, ``<lang>/img/<chart>.png``
and ``<lang>/data/<pack>.{csv,xlsx}``. The whole folder is built beside the old one and swapped
in, so a failed build leaves the previous site whole."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.i18n import t
from pipeline.site.model import PageView, theme_links

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"


def environment():  # -> jinja2.Environment
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class Download:
    href: str
    text: str  # text key
    size: str


@dataclass(frozen=True)
class LanguageSite:
    """Everything one language's pages need, besides the templates."""

    lang: str
    pages: Sequence[PageView]
    images: Mapping[str, Path]  # "img/<chart>.png" -> source PNG
    downloads: Mapping[str, Mapping[str, bytes]]  # pack -> {"data/<pack>.csv": bytes, ...}
    methods: Mapping[str, str]  # design, details, level


def _size(n: int) -> str:
    return f"{n / 1024:.0f} kB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def _tr(lang: str) -> Callable[..., str]:
    def tr(key: str, **fields: Any) -> str:
        return t(key, lang, **fields)

    return tr


def _others(lang: str, languages: Sequence[str], page: str) -> list[dict[str, str]]:
    return [
        {"lang": o, "href": f"../{o}/{page}", "label": t("site.language_name", o)}
        for o in languages
        if o != lang
    ]


def _image_size(path: Path) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as im:
        return im.size


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="\n")
    else:
        path.write_bytes(data)


def render_language(env, site: LanguageSite, languages: Sequence[str], folder: Path) -> int:
    """Write one language's pages and files under ``folder/<lang>/``; returns pages written."""
    lang = site.lang
    base = folder / lang
    tr = _tr(lang)
    sizes = {}
    for rel, source in sorted(site.images.items()):
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, base / rel)
        sizes[rel] = _image_size(source)
    common = {"lang": lang, "tr": tr, "css": "../site.css", "home": "index.html"}
    index = env.get_template("index.html").render(
        **common,
        page_title=tr("site.title"),
        others=_others(lang, languages, "index.html"),
        pages=site.pages,
        themes=theme_links(site.pages),
        chart_counts={p.name: sum(len(s.charts) for s in p.sections) for p in site.pages},
        proposal_counts={p.name: sum(len(n) for _, n in p.proposals) for p in site.pages},
    )
    _write(base / "index.html", index)
    template = env.get_template("pack.html")
    for page in site.pages:
        files = site.downloads.get(page.name, {})
        for rel, data in files.items():
            _write(base / rel, data)
        downloads = [
            Download(
                rel,
                "site.download_csv" if rel.endswith(".csv") else "site.download_xlsx",
                _size(len(data)),
            )
            for rel, data in files.items()
        ]
        html = template.render(
            **common,
            page_title=f"{page.title} – {tr('site.title')}",
            others=_others(lang, languages, f"{page.name}.html"),
            page=page,
            sizes=sizes,
            methods=site.methods,
            downloads=downloads,
        )
        _write(base / f"{page.name}.html", html)
    return 1 + len(site.pages)


def render_root(env, languages: Sequence[str], folder: Path) -> None:
    first = languages[0]
    html = env.get_template("root.html").render(
        lang=first,
        tr=_tr(first),
        css="site.css",
        home="index.html",
        page_title=t("site.title", first),
        others=[],
        choices=[
            {"lang": o, "href": f"{o}/index.html", "label": t("site.language_name", o)}
            for o in languages
        ],
    )
    _write(folder / "index.html", html)
    shutil.copyfile(TEMPLATES / "site.css", folder / "site.css")


def write_site(sites: Sequence[LanguageSite], languages: Sequence[str], target: Path) -> int:
    """Build the whole site in a temporary folder beside ``target`` and swap it in."""
    env = environment()
    target.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    old = None
    try:
        render_root(env, languages, build)
        pages = 1 + sum(render_language(env, s, languages, build) for s in sites)
        for path in build.rglob("*"):
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        os.chmod(build, 0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
            os.replace(target, old / "site")
        os.replace(build, target)
    finally:
        if build.exists():
            shutil.rmtree(build)
        if old is not None:
            shutil.rmtree(old)
    log.info("site: %d pages in %s", pages, target)
    return pages
