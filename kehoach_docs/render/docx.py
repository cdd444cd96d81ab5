"""Render a view model through a docxtpl template into .docx bytes."""

from __future__ import annotations

import dataclasses
import io
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from ..compose.common import DocumentVM
from ..errors import RenderError
from .footnotes import add_footnotes
from .rules import draw_rules
from .styles import StyleBook


def jinja_env() -> SandboxedEnvironment:
    # Autoescape: text with & or < must stay text; StrictUndefined: a misspelt tag fails.
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def context_of(vm: DocumentVM) -> dict[str, Any]:
    return {f.name: getattr(vm, f.name) for f in dataclasses.fields(vm)}


def render_docx(template: Path, vm: DocumentVM, title: str) -> bytes:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(template))
    try:
        tpl.render(context_of(vm), jinja_env=jinja_env(), autoescape=True)
    except TemplateError as exc:
        raise RenderError(f"mẫu {template.name}: {exc.message or exc}") from None
    doc = tpl.docx
    assert doc is not None
    if vm.footnotes is not None:
        add_footnotes(doc, vm.footnotes.notes())
    section = doc.sections[0]
    page_width = section.page_width or 0
    margins = (section.left_margin or 0) + (section.right_margin or 0)
    text_width = int((page_width - margins) / 635)  # EMU to twips
    book = StyleBook(doc.styles.element)
    draw_rules(doc.element.body, book, text_width)
    props = doc.core_properties
    props.title = title[:255]
    props.created = props.modified = datetime.now(timezone.utc).replace(microsecond=0)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
