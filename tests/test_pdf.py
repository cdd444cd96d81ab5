"""LibreOffice opens the plan and lays it out as NĐ 30 wants (CI installs LibreOffice)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

needs_office = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"),
    reason="LibreOffice is not installed here (CI installs it and runs this test)",
)


def pdf_text(pdf: Path, page: int) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


@needs_office
def test_libreoffice_converts_the_plan(rendered_plan: Path, tmp_path: Path) -> None:
    assert SOFFICE is not None, "CI must install LibreOffice (libreoffice-writer-nogui)"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(rendered_plan),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / (rendered_plan.stem + ".pdf")
    assert pdf.is_file()
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert 4 <= pages <= 8
    first = pdf_text(pdf, 1)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Kon Tum, ngày" in first
    # The header line of page 1 is the issuer, not a page number.
    assert first.strip().splitlines()[0].split()[0] != "1"
    second = pdf_text(pdf, 2)
    assert second.strip().splitlines()[0].strip() == "2"
    last = pdf_text(pdf, pages)
    assert "Lê Ngọc Tuấn" in last and "Nơi nhận:" in last


@needs_office
def test_batch_pdf_uses_one_libreoffice_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import REPO

    from kehoach_docs import pdf
    from kehoach_docs.batch import run_batch

    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting(command: list[str], **kwargs: object) -> object:
        calls.append(command)
        return real_run(command, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(pdf.subprocess, "run", counting)
    result = run_batch(REPO, output=tmp_path, jobs=1, pdf=True, period="2024-H1")
    assert not result.failures
    assert len(calls) == 1
    assert any(arg.startswith("-env:UserInstallation=") for arg in calls[0])
    pdfs = sorted(result.folder.glob("*.pdf"))
    assert len(pdfs) == 54
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    assert not [p for p in result.folder.iterdir() if p.name.startswith(".pdf-")]
    manifest = (result.folder / "manifest.csv").read_text(encoding="utf-8-sig")
    assert manifest.count("(PDF)") == 54
    for path in pdfs:
        assert_signature_not_alone(path)


def pages_of(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")


def assert_signature_not_alone(pdf: Path) -> None:
    """The page that holds "Nơi nhận:" holds body text above it, not only the block."""
    page = next(p for p in pages_of(pdf) if "Nơi nhận:" in p)
    above = page.split("Nơi nhận:")[0]
    lines = [line for line in above.splitlines() if line.strip()]
    # Beyond a page number, at least the closing paragraph of the body stands above it.
    body = [line for line in lines if not line.strip().isdigit()]
    assert len(body) >= 2, f"{pdf.name}: Nơi nhận alone on its page"


def test_missing_libreoffice_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner
    from conftest import REPO

    from kehoach_docs import pdf
    from kehoach_docs.cli import main

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    result = CliRunner().invoke(main, ["-w", str(REPO), "plan", "--pdf", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "cần LibreOffice để xuất PDF" in result.stderr
    assert "libreoffice-writer-nogui" in result.stderr
    assert "Traceback" not in result.output
