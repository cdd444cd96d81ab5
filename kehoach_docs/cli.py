"""The `kehoach` command: parse options, call one library function, report."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from . import __version__, lifetime
from .errors import EXIT_INTERRUPTED, INTERRUPTED, DataError, KehoachError
from .translations import install_click
from .vn import shorten

if TYPE_CHECKING:
    from datetime import date

    from .batch import Outcome
    from .models.registry import Agency

install_click()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
T = TypeVar("T")


def _interrupted() -> NoReturn:
    click.echo(INTERRUPTED, err=True)
    # What Ctrl-C cut in half (a ZipFile it stopped in its constructor) complains when
    # it is collected on the way out: the user has been told, that is all there is to say.
    sys.unraisablehook = lambda _: None
    sys.exit(EXIT_INTERRUPTED)


class Command(click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        super().__init__(*args, **kwargs)


class Group(click.Group):
    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ]...")
        super().__init__(*args, **kwargs)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Click's main, with the exit codes the README promises: 2 for a wrong call,
        130 for Ctrl-C at any moment (Click's own handling says "Aborted!" and exits 1)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except (click.Abort, KeyboardInterrupt, EOFError):
            _interrupted()
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except OSError as exc:
            if exc.errno != errno.EPIPE:  # output piped into a pager that was closed
                raise
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


class Options:
    def __init__(self, workspace: Path, plan: str | None) -> None:
        self.workspace = workspace
        self.plan = plan


def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a library function; a user's error becomes a message and an exit code."""
    lifetime.work_begins()
    try:
        return fn(*args, **kwargs)
    except DataError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        errors = [p for p in exc.problems if not p.warning]
        click.echo(f"Có {len(errors)} lỗi; chưa ghi tệp nào.", err=True)
        sys.exit(exc.exit_code)
    except KehoachError as exc:
        click.echo(f"Lỗi: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _interrupted()
    except Exception as exc:
        # The one safety net: a bug of ours must not greet a clerk with a traceback.
        if os.environ.get("KEHOACH_DEBUG"):
            raise
        click.echo(
            f"Lỗi không lường trước ({type(exc).__name__}: {exc}). Chạy lại với "
            "KEHOACH_DEBUG=1 để xem chi tiết, và báo cho người phát triển.",
            err=True,
        )
        sys.exit(1)


output_option = click.option(
    "-o", "--output", metavar="THƯ_MỤC",
    type=click.Path(file_okay=False, path_type=Path),
    help="Thư mục ghi văn bản (mặc định: output/ của thư mục làm việc).",
)  # fmt: skip
pdf_option = click.option(
    "--pdf", is_flag=True, help="Xuất thêm PDF bên cạnh mỗi .docx (cần LibreOffice)."
)
NEED_AGENCY = "cần --agency MÃ|TÊN (xem danh sách: kehoach agencies)"
agency_option = click.option(
    "--agency", "-a", metavar="MÃ|TÊN",
    help="Cơ quan: mã (so-noi-vu), tên (\"Sở Nội vụ\") hoặc tên khác (dak-ha).",
)  # fmt: skip


@click.group(
    cls=Group,
    context_settings=CONTEXT,
    epilog=(
        "Biến môi trường: KEHOACH_CACHE_DIR — thư mục lưu mẫu .docx đã chuẩn bị (mặc định "
        "thư mục đệm của người dùng; để trống: không lưu); KEHOACH_DEBUG=1 — in chi tiết "
        "khi có lỗi ngoài dự kiến."
    ),
)
@click.option(
    "-w", "--workspace", metavar="THƯ_MỤC",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help="Thư mục làm việc (chứa plans/, templates/, output/); mặc định: thư mục hiện tại.",
)  # fmt: skip
@click.option("--plan", "plan_id", metavar="MÃ", help="Chọn kế hoạch khi plans/ có nhiều kế hoạch.")
@click.version_option(
    __version__, "-V", "--version", prog_name="kehoach", help="Hiện phiên bản rồi thoát."
)
@click.pass_context
def main(ctx: click.Context, workspace: Path, plan_id: str | None) -> None:
    """kehoach: từ một Kế hoạch của UBND tỉnh ra mọi văn bản Word theo Nghị định 30/2020/NĐ-CP.

    Dữ liệu là các tệp YAML trong plans/; văn bản .docx được ghi vào output/.
    """
    ctx.obj = Options(workspace, plan_id)


@main.command(short_help="Kiểm tra mọi dữ liệu YAML, báo mọi lỗi một lần.")
@click.pass_obj
def validate(opts: Options) -> None:
    """Kiểm tra toàn bộ dữ liệu YAML, báo mọi lỗi một lần; không ghi tệp nào."""
    from .api import validate as run

    summary = call(run, opts.workspace)
    for warning in summary.warnings:
        click.echo(warning, err=True)
    click.echo(summary.line())


def _written(paths: list[Path]) -> None:
    for path in paths:
        click.echo(f"Đã ghi {path}")


@main.command(short_help="Xuất Kế hoạch của tỉnh thành tệp .docx.")
@output_option
@pdf_option
@click.pass_obj
def plan(opts: Options, output: Path | None, pdf: bool) -> None:
    """Xuất Kế hoạch của tỉnh thành tệp .docx."""
    from .api import build_plan

    _written(call(build_plan, opts.workspace, opts.plan, output, pdf))


@main.command(short_help="Số nhiệm vụ mỗi cơ quan chủ trì, phối hợp.")
@click.pass_obj
def agencies(opts: Options) -> None:
    """Danh mục cơ quan và số nhiệm vụ mỗi cơ quan chủ trì, phối hợp."""
    from .api import list_agencies

    rows = call(list_agencies, opts.workspace, opts.plan)
    width = max(len(r.agency.id) for r in rows)
    name_width = max(len(r.agency.name) for r in rows)
    kind_width = max([4, *(len(r.agency.kind) for r in rows)])
    click.echo(
        f"{'MÃ':<{width}}  {'TÊN':<{name_width}}  {'LOẠI':<{kind_width}} CHỦ TRÌ  PHỐI HỢP  "
        "TRÁCH NHIỆM"
    )
    for r in rows:
        click.echo(
            f"{r.agency.id:<{width}}  {r.agency.name:<{name_width}}  {r.agency.kind:<{kind_width}} "
            f"{r.load.led:>7}  {r.load.supported:>8}  {r.load.responsibilities:>11}"
        )


@main.command(short_help="Các nhiệm vụ của một cơ quan, với vai trò của nó.")
@agency_option
@click.pass_obj
def tasks(opts: Options, agency: str | None) -> None:
    """Các nhiệm vụ của một cơ quan trong kế hoạch, với vai trò của cơ quan."""
    from .api import agency_tasks
    from .compose.inline import plain_text

    if not agency:
        raise click.UsageError(NEED_AGENCY)
    found, duties = call(agency_tasks, opts.workspace, agency, opts.plan)
    if not duties:
        click.echo(f"{found.name} ({found.id}): không có nhiệm vụ, trách nhiệm nào trong kế hoạch")
        return
    click.echo(f"{found.name} ({found.id}): {len(duties)} nhiệm vụ, trách nhiệm")
    width = max([7, *(len(d.entry.ref) for d in duties)])
    for duty in duties:
        item = duty.entry.item
        text = shorten(plain_text(item.title or (item.texts[0] if item.texts else "")), 80)
        when = f"  [{shorten(item.timeframe.text, 40)}]" if item.timeframe else ""
        click.echo(f"{duty.entry.ref:<{width}} {duty.role_words:<10} {text}{when}")


@main.command(short_help="Kế hoạch triển khai của từng cơ quan.")
@agency_option
@click.option("--all", "every", is_flag=True, help="Mọi cơ quan có nhiệm vụ trong kế hoạch.")
@click.option("--kind", metavar="LOẠI", help="Mọi cơ quan một loại, ví dụ ubnd-huyen.")
@output_option
@pdf_option
@click.pass_obj
def subplan(
    opts: Options, agency: str | None, every: bool, kind: str | None, output: Path | None,
    pdf: bool,
) -> None:  # fmt: skip
    """Kế hoạch triển khai của từng cơ quan (một cơ quan, một loại, hoặc tất cả)."""
    from .api import build_subplans

    if sum(bool(x) for x in (agency, every, kind)) != 1:
        raise click.UsageError("chọn đúng một trong --agency, --all, --kind")
    result = call(build_subplans, opts.workspace, opts.plan, agency, every, kind, output, pdf)
    _written(result.written)
    _skipped(result.skipped)
    click.echo(f"Tổng cộng {sum(1 for p in result.written if p.suffix == '.docx')} kế hoạch.")


def _skipped(agencies: list[Agency]) -> None:
    for agency in agencies:
        click.echo(
            f"Bỏ qua {agency.name} ({agency.id}): danh mục cơ quan chưa có “tieu_de”, “ma” và "
            "“dia_danh” để cơ quan này ban hành văn bản.",
            err=True,
        )


def _missing(agencies: Sequence[Agency], period: str, heading: str = "Chưa gửi báo cáo") -> None:
    if not agencies:
        click.echo(f"Mọi cơ quan, đơn vị đã gửi báo cáo {period}.")
        return
    click.echo(f"{heading} {period} ({len(agencies)} cơ quan, đơn vị):")
    for agency in agencies:
        click.echo(f"  - {agency.name} ({agency.id})")


@main.command(short_help="Tạo tệp dữ liệu riêng của một cơ quan.")
@agency_option
@click.option("--force", is_flag=True, help="Thay tệp đã có (tệp cũ được giữ thành bản sao lưu).")
@click.pass_obj
def scaffold(opts: Options, agency: str | None, force: bool) -> None:
    """Tạo tệp dữ liệu riêng của một cơ quan, điền sẵn các nhiệm vụ được giao."""
    from .api import scaffold as run

    if not agency:
        raise click.UsageError(NEED_AGENCY)
    result = call(run, opts.workspace, agency, opts.plan, force)
    if result.backup:
        click.echo(f"Đã sao lưu tệp cũ: {result.backup}")
    click.echo(f"Đã ghi {result.path}")


@main.command(short_help="Danh sách Nơi nhận của kế hoạch.")
@agency_option
@output_option
@click.pass_obj
def noinhan(opts: Options, agency: str | None, output: Path | None) -> None:
    """Danh sách Nơi nhận của kế hoạch (hoặc của kế hoạch một cơ quan); -o ghi thêm .docx."""
    from .api import noinhan as run

    lines, path = call(run, opts.workspace, opts.plan, agency, output)
    for line in lines:
        click.echo(line)
    if path:
        click.echo(f"Đã ghi {path}", err=True)


period_option = click.option(
    "--period", "-p", metavar="KỲ", required=True,
    help="Kỳ báo cáo: 2024-Q1 … 2024-Q4, 2024-H1 (6 tháng đầu năm), 2024 (năm) "
    "hoặc mốc của kế hoạch.",
)  # fmt: skip


@main.command(short_help="Báo cáo kết quả của một cơ quan trong một kỳ.")
@agency_option
@period_option
@output_option
@pdf_option
@click.pass_obj
def report(opts: Options, agency: str | None, period: str, output: Path | None, pdf: bool) -> None:
    """Báo cáo kết quả thực hiện của một cơ quan trong một kỳ."""
    from .api import build_report

    if not agency:
        raise click.UsageError(NEED_AGENCY)
    _written(call(build_report, opts.workspace, agency, period, opts.plan, output, pdf))


@main.command(short_help="Báo cáo tổng hợp gửi UBND tỉnh, kèm bảng .xlsx.")
@period_option
@output_option
@pdf_option
@click.pass_obj
def consolidate(opts: Options, period: str, output: Path | None, pdf: bool) -> None:
    """Báo cáo tổng hợp của cơ quan theo dõi kế hoạch gửi UBND tỉnh, kèm bảng .xlsx."""
    from .api import build_consolidated

    result = call(build_consolidated, opts.workspace, period, opts.plan, output, pdf)
    _written(result.written)
    _missing(result.missing, result.period)


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A date as clerks write it, 25/6/2024, or as ISO, 2024-06-25."""
    from .models.base import parse_day

    if value is None:
        return None
    found = parse_day(value)
    if found is None:
        raise click.BadParameter(f"“{value}” không phải ngày: viết 25/6/2024 hoặc 2024-06-25")
    return found


@main.command(short_help="Công văn đôn đốc báo cáo chậm, nhiệm vụ quá hạn.")
@period_option
@output_option
@pdf_option
@click.option(
    "--ngay", "day", callback=_day, metavar="NGÀY",
    help="Ngày ký công văn (in ở dòng ngày tháng), để tính hạn mới; mặc định: hôm nay "
    "(dòng ngày tháng để trống).",
)  # fmt: skip
@click.pass_obj
def dondoc(opts: Options, period: str, output: Path | None, pdf: bool, day: date | None) -> None:
    """Công văn đôn đốc các cơ quan chưa gửi báo cáo kỳ và các cơ quan có nhiệm vụ quá hạn."""
    from .api import build_reminders
    from .progress import short_date

    result = call(build_reminders, opts.workspace, period, opts.plan, output, pdf, day)
    r = result.reminders
    if not result.written:
        click.echo(
            f"Không có ai cần đôn đốc: mọi cơ quan, đơn vị đã gửi báo cáo {result.period} và "
            "không có nhiệm vụ quá hạn. Không ghi tệp nào."
        )
        return
    _written(result.written)
    _missing(r.missing, result.period, "Đôn đốc gửi báo cáo")
    if r.overdue:
        click.echo(f"Đôn đốc nhiệm vụ quá hạn ({len(r.overdue)} cơ quan, đơn vị):")
        for agency, tasks in r.overdue:
            refs = "; ".join(t.duty.entry.label for t in tasks)
            click.echo(f"  - {agency.name} ({agency.id}): {refs}")
    click.echo(
        f"Hạn mới: {short_date(r.deadline)} ({r.working_days} ngày làm việc kể từ ngày "
        f"{short_date(r.signed)}, không tính thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết)."
    )


@main.command(name="status", short_help="Tình hình các cơ quan trong kỳ: ai chưa báo cáo.")
@period_option
@click.pass_obj
def status_command(opts: Options, period: str) -> None:
    """Tình hình các cơ quan trong kỳ: bảng cơ quan × nhiệm vụ, số liệu, ai chưa báo cáo."""
    import shutil

    from .api import status
    from .glance import wants_colour

    colour = wants_colour(sys.stdout)
    width = shutil.get_terminal_size((100, 24)).columns
    text = call(status, opts.workspace, period, opts.plan, width, colour)
    click.echo(text, nl=False, color=colour)


@main.command(name="forms", short_help="Biểu mẫu Excel để các cơ quan điền kết quả trong kỳ.")
@period_option
@agency_option
@click.option("--all", "every", is_flag=True, help="Mọi cơ quan có nhiệm vụ trong kế hoạch.")
@output_option
@click.option(
    "--force", is_flag=True, help="Thay biểu mẫu đã có (tệp cũ được giữ thành bản sao lưu)."
)
@click.pass_obj
def forms_command(
    opts: Options, period: str, agency: str | None, every: bool, output: Path | None,
    force: bool,
) -> None:  # fmt: skip
    """Biểu mẫu Excel để các cơ quan điền kết quả thực hiện trong kỳ."""
    from .api import forms

    if bool(agency) == every:
        raise click.UsageError("chọn đúng một trong --agency, --all")
    paths = call(forms, opts.workspace, period, opts.plan, agency, every, output, force)
    _written(paths)
    click.echo(f"Tổng cộng {len(paths)} biểu mẫu.")


@main.command(short_help="Đọc biểu mẫu Excel đã điền thành dữ liệu báo cáo.")
@click.argument(
    "files", nargs=-1, required=True, metavar="TỆP.xlsx...",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)  # fmt: skip
@click.option(
    "--force", is_flag=True, help="Thay báo cáo đã có (tệp cũ được giữ thành bản sao lưu)."
)
@click.pass_obj
def collect(opts: Options, files: tuple[Path, ...], force: bool) -> None:
    """Đọc các biểu mẫu Excel đã điền thành dữ liệu báo cáo (YAML); kiểm tra mọi ô trước khi ghi."""
    from .api import collect as run

    result = call(run, opts.workspace, list(files), opts.plan, force)
    if result.blank:
        click.echo(f"Bỏ qua {len(result.blank)} biểu mẫu chưa điền: {', '.join(result.blank)}")
    for name, keys in result.unfilled:
        click.echo(
            f"{name}: chưa điền {len(keys)} nhiệm vụ ({', '.join(keys)}): tính là chưa báo cáo"
        )
    for backup in result.backups:
        click.echo(f"Đã sao lưu tệp cũ: {backup}")
    _written(result.written)


@main.command(short_help="Mọi văn bản của kế hoạch vào một thư mục mới.")
@output_option
@click.option("--kind", metavar="LOẠI", help="Chỉ kế hoạch của các cơ quan loại này.")
@click.option(
    "--period", "-p", metavar="KỲ", help="Thêm báo cáo của các cơ quan và báo cáo tổng hợp kỳ này."
)
@click.option("--zip", "make_zip", is_flag=True, help="Nén cả thư mục thành một tệp .zip.")
@click.option(
    "--jobs", "-j", type=click.IntRange(1, 64), metavar="SỐ", help="Số tiến trình song song."
)
@click.option("--quiet", "-q", is_flag=True, help="Không hiện thanh tiến độ.")
@pdf_option
@click.pass_obj
def batch(
    opts: Options, output: Path | None, kind: str | None, period: str | None, make_zip: bool,
    jobs: int | None, quiet: bool, pdf: bool,
) -> None:  # fmt: skip
    """Kế hoạch của tỉnh và kế hoạch của mọi cơ quan vào một thư mục mới, kèm manifest.csv."""
    from .batch import run_batch

    def progress(stream: Iterator[Outcome], total: int) -> Iterator[Outcome]:
        if quiet or not sys.stderr.isatty():
            yield from stream
            return
        with click.progressbar(length=total, label="Đang tạo văn bản", file=sys.stderr) as bar:
            for outcome in stream:
                bar.update(1)
                yield outcome

    result = call(
        run_batch, opts.workspace, opts.plan, kind, output, make_zip, jobs, progress, period, pdf
    )
    for failure in result.failures:
        click.echo(f"Lỗi: {failure.spec.agency_id}: {failure.error}", err=True)
    _skipped(result.skipped)
    if period:
        _missing(result.missing, result.period_label)
    if result.archive:
        click.echo(f"Đã nén {result.archive}")
    click.echo(result.summary())
    if result.failures:
        sys.exit(1)


@main.command(name="check", short_help="Kiểm tra thể thức .docx theo Nghị định 30/2020/NĐ-CP.")
@click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="TỆP.docx...",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Cách in kết quả.",
)  # fmt: skip
def check_command(files: tuple[Path, ...], fmt: str) -> None:
    """Kiểm tra thể thức văn bản .docx bất kỳ theo Nghị định 30/2020/NĐ-CP."""
    import json

    from .api import Unreadable, check_file

    failed = False
    reports = []
    for path in files:
        report = call(check_file, path)
        failed = failed or isinstance(report, Unreadable) or bool(report.errors)
        if fmt == "json":
            reports.append(report.as_dict())
        elif isinstance(report, Unreadable):
            click.echo(f"{report.file}: lỗi: {report.reason}")
        else:  # each file as soon as it is checked
            for finding in report.findings:
                click.echo(finding.line(report.file))
            click.echo(f"{report.file}: {report.errors} lỗi, {report.warnings} cảnh báo.")
    if fmt == "json":
        click.echo(json.dumps(reports, ensure_ascii=False, indent=2))
    if failed:
        sys.exit(1)


@main.command(name="schema", short_help="Lược đồ JSON Schema của các tệp YAML (cho VS Code).")
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path),
    help="Thư mục ghi (mặc định: schemas/ của thư mục làm việc).",
)  # fmt: skip
@click.pass_obj
def schema_command(opts: Options, output: Path | None) -> None:
    """Lược đồ JSON Schema của các loại tệp YAML, để VS Code gợi ý khóa và báo lỗi khi gõ."""
    from .api import schema

    _written(call(schema, opts.workspace, output))


@main.command(short_help="Tạo thư mục làm việc mới: ví dụ, mẫu .docx, lược đồ.")
@click.argument("directory", metavar="THƯ_MỤC", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Tạo thư mục làm việc mới: ví dụ nhỏ có chú thích, bộ mẫu .docx, lược đồ cho VS Code."""
    from .api import init as run

    paths, kept = call(run, directory)
    for path in kept:
        click.echo(f"Giữ nguyên tệp đã có: {path}")
    _written(paths)
    click.echo(f"Tiếp theo: kehoach -w {directory} validate && kehoach -w {directory} plan")


@main.command(name="import", short_help="Nhập kế hoạch từ Word (.docx) hoặc PDF thành YAML.")
@click.argument("source", metavar="TỆP", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path),
    help="Tạo thư mục làm việc mới ở đây (thư mục chưa có hoặc rỗng).",
)  # fmt: skip
@click.option("--ma", "plan_id", metavar="MÃ", help="Mã kế hoạch (tên tệp plans/MÃ.yaml).")
@click.pass_obj
def import_command(opts: Options, source: Path, output: Path | None, plan_id: str | None) -> None:
    """Nhập kế hoạch từ tệp Word (.docx) hoặc PDF thành dữ liệu YAML để kiểm tra, sửa."""
    from .api import import_document

    result = call(import_document, source, opts.workspace, output, plan_id)
    _written(result.written)
    for line in result.summary():
        click.echo(line)
    for doubt in result.doubts:
        click.echo(doubt)
