"""The `kehoach` command: parse options, call one library function, report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import DataError, KehoachError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Options:
    def __init__(self, workspace: Path, plan: str | None) -> None:
        self.workspace = workspace
        self.plan = plan


def _fail(exc: KehoachError) -> None:
    if isinstance(exc, DataError):
        errors = [p for p in exc.problems if not p.warning]
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"Có {len(errors)} lỗi; chưa ghi tệp nào.", err=True)
    else:
        click.echo(f"Lỗi: {exc}", err=True)
    sys.exit(exc.exit_code)


@click.group(context_settings=CONTEXT)
@click.option(
    "-w",
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default="thư mục hiện tại",
    help="Thư mục làm việc (chứa plans/, templates/, output/).",
)
@click.option("--plan", "plan_id", metavar="ID", help="Chọn kế hoạch khi plans/ có nhiều kế hoạch.")
@click.version_option(__version__, "-V", "--version", prog_name="kehoach")
@click.pass_context
def main(ctx: click.Context, workspace: Path, plan_id: str | None) -> None:
    """kehoach: từ một Kế hoạch của UBND tỉnh ra mọi văn bản Word theo Nghị định 30/2020/NĐ-CP.

    Dữ liệu là các tệp YAML trong plans/; văn bản .docx được ghi vào output/.
    """
    ctx.obj = Options(workspace, plan_id)


@main.command()
@click.pass_obj
def validate(opts: Options) -> None:
    """Kiểm tra toàn bộ dữ liệu YAML, báo mọi lỗi một lần; không ghi tệp nào."""
    from .api import validate as run

    try:
        summary = run(opts.workspace)
    except KehoachError as exc:
        _fail(exc)
        return
    for warning in summary.warnings:
        click.echo(warning, err=True)
    click.echo(summary.line())


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Thư mục ghi văn bản (mặc định: output/ của thư mục làm việc).",
)
@click.pass_obj
def plan(opts: Options, output: Path | None) -> None:
    """Xuất Kế hoạch của tỉnh thành tệp .docx."""
    from .api import build_plan

    try:
        path = build_plan(opts.workspace, opts.plan, output)
    except KehoachError as exc:
        _fail(exc)
        return
    click.echo(f"Đã ghi {path}")
