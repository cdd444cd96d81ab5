"""Spans back to the workspace's inline markup: *nghiêng*, **đậm**, [^1] for footnotes.

Emphasis is marked only where it differs from the paragraph's own look and only at word
boundaries, as the renderer reads it; literal stars are escaped. A backslash is text to
the renderer (only "\\*" is an escape), so it is written as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from .blocks import Span


def escape(text: str) -> str:
    """Only what the renderer's markup reads: every star gets a backslash (so a backslash
    of the text before it stays text), and "[^" would open a footnote reference. Doubling
    backslashes would be wrong: the renderer does not undo it, a\\b came back a\\\\b."""
    return text.replace("*", "\\*").replace("[^", "[ ^")


def _boundary(char: str) -> bool:
    return not char or char.isspace() or not char.isalnum()


def markup(
    spans: list[Span],
    note_key: Callable[[str], str] | None = None,
    base_bold: bool = False,
    base_italic: bool = False,
) -> str:
    """The paragraph's text with markup; whitespace of any kind becomes one space."""
    pieces: list[tuple[str, str]] = []  # (mark, text); mark "" / "*" / "**" / "note"
    for span in spans:
        if span.note is not None:
            if note_key is not None:
                pieces.append(("note", f"[^{note_key(span.note)}]"))
            continue
        mark = ""
        if span.bold and not base_bold:
            mark = "**"
        elif span.italic and not base_italic:
            mark = "*"
        text = " ".join(span.text.replace("\u00a0", " ").split(" "))
        text = text.replace("\n", " ").replace("\t", " ")
        if pieces and pieces[-1][0] == mark and mark != "note":
            pieces[-1] = (mark, pieces[-1][1] + text)
        else:
            pieces.append((mark, text))
    out = ""
    for i, (mark, text) in enumerate(pieces):
        if mark == "note":
            out = out.rstrip() + text
            continue
        if not mark or not text.strip():
            out += escape(text)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        inner = text.strip()
        before = (out + lead)[-1:] if (out + lead) else ""
        following = pieces[i + 1][1] if i + 1 < len(pieces) else ""
        after = (trail + following)[:1]
        # A backslash against a mark would make the renderer read "\\*" as a literal star:
        # such a stretch is left unmarked rather than garbled.
        if (
            _boundary(before)
            and _boundary(after)
            and inner[0] != "*"
            and inner[-1] not in ("*", "\\")
            and before != "\\"
        ):
            out += f"{lead}{mark}{escape(inner)}{mark}{trail}"
        else:
            out += escape(text)
    return " ".join(out.split())
