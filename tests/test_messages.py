"""Every message clear and in Vietnamese: Click's, PyYAML's and pydantic's own words
translated; exit codes 0/1/2/130 for every command; `check` wrapped like the others."""

from __future__ import annotations

import ast
import re
import shutil
import signal
import subprocess
import sys
import typing
import zipfile
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import Result
from conftest import REPO

from kehoach_docs import translations
from kehoach_docs.cli import main

Run = Callable[..., Result]
PLAN_ID = "kh-trien-khai-120-tu"
KEHOACH = [sys.executable, "-m", "kehoach_docs"]
FOREIGN = REPO / "tests" / "data" / "foreign" / "bao-cao-vp-ubnd.docx"
# Phrases of Click's, PyYAML's and pydantic's own English that must never reach a user.
ENGLISH = re.compile(
    r"Usage:|Options:|Commands:|Error:|No such|Missing|Did you mean|Try '|Aborted|"
    r"Invalid value|is not|does not|default:|Show this|Show the|\[OPTIONS\]|COMMAND|"
    r"INTEGER|TEXT\b|DIRECTORY|FILENAME|\bPATH\b|found character|could not find|"
    r"expected|while scanning|while parsing|Input should|Field required|Value error|"
    r"Traceback|\[required\]|\brequired\b"
)


def _messages(source_file: Path, calls: tuple[str, ...], first_only: bool = False) -> set[str]:
    """The literal messages a library passes to `calls` in its source (for ngettext, the
    singular, which keys the translation)."""
    source = source_file.read_text(encoding="utf-8")
    found = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if name not in calls:
            continue
        for arg in node.args[:1] if first_only else node.args:
            if isinstance(arg, ast.BinOp) and isinstance(arg.left, ast.Constant):
                arg = arg.left
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add(arg.value)
    return found


# -- Click --------------------------------------------------------------------------------


def test_every_click_message_has_a_translation() -> None:
    singular: set[str] = set()
    plural: set[str] = set()
    for source in Path(click.__file__).parent.glob("*.py"):  # Windows-only modules too
        singular |= _messages(source, ("_",))
        plural |= _messages(source, ("ngettext",), first_only=True)
    assert singular - set(translations.CLICK) == set()
    assert plural - set(translations.CLICK_PLURAL) == set()


USAGE_ERRORS = [
    (["nope"], "Không có lệnh “nope”."),
    (["chek", "x"], "Không có lệnh “chek”. Có phải"),
    (["plan", "--bogus"], "Không có tùy chọn “--bogus”."),
    (["plan", "--outptu", "x"], "Không có tùy chọn “--outptu”. Có phải '--output'?"),
    (["report", "-a", "so-noi-vu"], "Thiếu tùy chọn '--period' / '-p'."),
    (["tasks"], "cần --agency MÃ|TÊN"),
    (["batch", "-j", "0"], "Giá trị không hợp lệ cho '--jobs' / '-j': 0 không nằm trong khoảng"),
    (["check"], "Thiếu tham số 'TỆP.docx...'."),
    (["check", "/không/có.docx"], "Không tìm thấy “/không/có.docx”."),
    (["check", "--format", "xml", "a"], "“xml” không phải một trong: 'text', 'json'."),
    (["collect"], "Thiếu tham số 'TỆP.xlsx...'."),
    (["plan", "extra"], "Thừa tham số (extra)."),
    (["-w"], "Tùy chọn “-w” cần 1 giá trị."),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS, ids=lambda a: str(a))
def test_usage_errors_in_vietnamese_exit_2(run: Run, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr, result.stderr
    assert result.stderr.startswith(("Cách dùng: ", "Lỗi: ")) and "\nLỗi: " in "\n" + result.stderr
    assert not ENGLISH.search(result.output), result.output


def test_help_of_every_command_in_vietnamese(run: Run) -> None:
    commands = typing.cast(click.Group, main).commands
    for name in ["", *commands]:
        result = run(*([name] if name else []), "--help")
        assert result.exit_code == 0
        assert result.stdout.startswith("Cách dùng: "), result.stdout
        assert "Tùy chọn:" in result.stdout and "Hiện hướng dẫn này rồi thoát." in result.stdout
        assert not ENGLISH.search(result.output), (name, ENGLISH.search(result.output))
    assert run("--version").stdout == "kehoach, phiên bản 0.1.0\n"
    assert "[bắt buộc]" in run("report", "--help").stdout


def test_command_list_says_each_command_in_a_whole_sentence(run: Run) -> None:
    """`kehoach --help` on an 80-column terminal: every command with a sentence of its own,
    none cut short with "..." as Click does to a long first line of a docstring."""
    listing, after = run("--help").stdout.split("Các lệnh:\n", 1)[1].split("\n\n", 1)
    lines = {line.split()[0]: line for line in listing.splitlines() if line.strip()}
    # After the commands, the environment variables a user may set.
    assert "KEHOACH_CACHE_DIR" in after and "KEHOACH_DEBUG" in after
    assert set(lines) == set(typing.cast(click.Group, main).commands)
    for name, line in lines.items():
        assert len(line) <= 80, line
        assert line.endswith(".") and not line.endswith(".."), (name, line)


# -- PyYAML -----------------------------------------------------------------------------------


def test_every_pyyaml_message_has_a_translation() -> None:
    from yaml import composer, parser, scanner

    said = set()
    for module in (scanner, parser, composer):
        source = Path(typing.cast(str, module.__file__))
        said |= _messages(source, ("ScannerError", "ParserError", "ComposerError"))
    known = set(translations.YAML_PROBLEMS) | set(translations.YAML_CONTEXTS)
    assert said - known == set()
    for message in translations.YAML_PROBLEMS:
        example = message.replace("%r", "'x'").replace("%d", "8").replace("%s", "x")
        assert translations.yaml_problem(example, None) != "cú pháp sai", message
    assert not ENGLISH.search(" ".join(translations.YAML_PROBLEMS.values()))


BROKEN_YAML = {
    "a:\n\tb: 1\n": "plans/x.yaml:2: lỗi cú pháp YAML: có ký tự Tab: YAML chỉ thụt lề bằng",
    "a: Thực hiện: việc\n": "plans/x.yaml:1: lỗi cú pháp YAML: dấu “:” không được đứng ở đây",
    "- *Một số vấn đề* về\n": "plans/x.yaml:1: lỗi cú pháp YAML: câu bắt đầu bằng “*”",
    "t: {ghi: a: b}\n": "plans/x.yaml:1: lỗi cú pháp YAML: khối “{…}” viết sai",
    't: "abc\n': "plans/x.yaml:2: lỗi cú pháp YAML: thiếu dấu ngoặc kép đóng",
    't: "C:\\Users"\n': "plans/x.yaml:1: lỗi cú pháp YAML: trong ngoặc kép, dấu “\\”",
    "t: a\x0bb\n": "plans/x.yaml:1: lỗi cú pháp YAML: có ký tự điều khiển không in được (mã U+000B",
    "a: 1\n---\nb: 2\n": "plans/x.yaml:2: lỗi cú pháp YAML: tệp chỉ được có một tài liệu YAML",
    "a:\n  b: 1\n c: 2\n": "plans/x.yaml:3: lỗi cú pháp YAML: thụt lề không đều",
    "t: " + "1" * 5000 + "\n": "plans/x.yaml:1: t: số có quá nhiều chữ số",
}


@pytest.mark.parametrize("text", BROKEN_YAML, ids=lambda t: repr(t[:12]))
def test_yaml_errors_in_vietnamese(run: Run, example_copy: Path, text: str) -> None:
    (example_copy / "plans" / "x.yaml").write_text(text, encoding="utf-8")
    result = run("-w", str(example_copy), "validate")
    assert result.exit_code == 1
    assert BROKEN_YAML[text] in result.stderr, result.stderr
    assert not ENGLISH.search(result.output), result.output


# -- pydantic ---------------------------------------------------------------------------------


def test_no_pydantic_error_type_is_shown_in_english() -> None:
    from pydantic_core import core_schema

    from kehoach_docs.schema_errors import message_of

    for kind in typing.get_args(core_schema.ErrorType):
        english = f"Input should be something ({kind})"
        err = {"type": kind, "loc": ("x",), "msg": english, "input": "abc", "ctx": {}}
        said = message_of(err)  # type: ignore[arg-type]
        assert said and english not in said and not ENGLISH.search(said), (kind, said)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


H1 = Path("plans") / PLAN_ID / "tien-do" / "2024-H1" / "so-noi-vu.yaml"
PLAN = Path("plans") / f"{PLAN_ID}.yaml"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (H1, "tinh_trang: Đang thực hiện, quá hạn", "tinh_trang: Dang thuc hien, qua han",
         "“Dang thuc hien, qua han” không hợp lệ; có phải “Đang thực hiện, quá hạn”? (chọn "
         "một trong: “Đã hoàn thành”, “Hoàn thành quá hạn”, “Đang thực hiện”, “Đang thực "
         "hiện, quá hạn”, “Chưa thực hiện”)"),
        (H1, "tinh_trang: Đang thực hiện\n", "tinh_trang: Dang thuc hien\n",
         "“Dang thuc hien” không hợp lệ; có phải “Đang thực hiện”?"),
        (PLAN, "  ngay: ", "  ngay: 15/13/2024",
         "ke_hoach.ngay: ngày không hợp lệ: “15/13/2024”; tháng phải từ 1 đến 12 (viết"),
        (PLAN, "  ngay: ", "  ngay: 3/15/2024",
         "ngày không hợp lệ: “3/15/2024”; tháng phải từ 1 đến 12: có phải “15/3/2024” "
         "(ngày/tháng/năm)?"),
        (PLAN, "  ngay: ", "  ngay: 15/3/24",
         "ngày không hợp lệ: “15/3/24”; năm viết đủ 4 chữ số: có phải “15/3/2024”?"),
        (PLAN, "  ngay: ", "  ngay: 31/4/2024",
         "ngày không hợp lệ: “31/4/2024”; tháng 4 năm 2024 chỉ có 30 ngày"),
        (PLAN, "  ngay: ", "  ngay: 2024/03/15", "có phải “2024-03-15”?"),
        (PLAN, "      thoi_gian: Thường xuyên.", "      thoi_gian: {ghi: Trước ngày 15, tháng 11}",
         "“tháng 11” không phải một khóa: có vẻ câu có dấu phẩy trong “{…}” bị tách ra; "
         "hãy đặt cả câu trong ngoặc kép"),
        (H1, "gia_tri: 2\n", "gia_tri: " + "9" * 400 + "\n", "số liệu quá lớn: tối đa 15 chữ số"),
        (H1, "gia_tri: 2\n", "gia_tri: 1.0e+400\n", "số liệu phải là một số"),
    ],
)  # fmt: skip
def test_data_errors_say_what_was_typed_and_what_was_meant(
    run: Run, example_copy: Path, file: Path, old: str, new: str, message: str
) -> None:
    _edit(example_copy / file, old, new)
    result = run("-w", str(example_copy), "validate")
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert not ENGLISH.search(result.output), result.output


# -- refusals that used to pass silently ------------------------------------------------------


def test_period_with_a_newline_is_refused(run: Run, tmp_path: Path) -> None:
    result = run("-w", str(REPO), "consolidate", "-p", "2024-H1\n", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "kỳ báo cáo “2024-H1\\u000a” không hợp lệ (có dấu cách, xuống dòng" in result.stderr
    assert not list(tmp_path.iterdir())


def test_plan_folder_named_like_the_file_is_not_ignored(run: Run, example_copy: Path) -> None:
    plans = example_copy / "plans"
    (plans / f"{PLAN_ID}.yaml").rename(plans / "KH Triển khai 120 TU.yaml")
    (plans / PLAN_ID).rename(plans / "KH Triển khai 120 TU")
    result = run("-w", str(example_copy), "validate")
    assert result.exit_code == 1
    assert (
        "plans/KH Triển khai 120 TU/: thư mục này không được đọc: dữ liệu của kế hoạch "
        "“kh-trien-khai-120-tu” (tệp KH Triển khai 120 TU.yaml) phải ở "
        "plans/kh-trien-khai-120-tu/; hãy đổi tên thư mục"
    ) in result.stderr


# -- check, wrapped like every command ---------------------------------------------------------


def _variant(path: Path, edit: Callable[[str], str]) -> Path:
    with zipfile.ZipFile(FOREIGN) as original, zipfile.ZipFile(path, "w") as out:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            out.writestr(info, data)
    return path


@pytest.mark.parametrize(
    "edit",
    [
        # Valid OOXML (a measure with its unit), a bad number, a number line of 4,300 digits.
        lambda x: x.replace("<w:pPr>", '<w:pPr><w:ind w:left="1.5cm"/>', 1),
        lambda x: x.replace("<w:pPr>", '<w:pPr><w:spacing w:after="abc"/>', 1),
        lambda x: x.replace("<w:t>", "<w:t>" + "9" * 4300, 1),
    ],
)
def test_check_reads_odd_values_and_goes_on(
    run: Run, tmp_path: Path, edit: Callable[[str], str]
) -> None:
    odd = _variant(tmp_path / "odd.docx", edit)
    text = tmp_path / "notes.docx"
    text.write_text("không phải docx", encoding="utf-8")
    result = run("check", str(odd), str(text), str(FOREIGN))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    summaries = [line for line in lines if line.endswith("cảnh báo.")]
    assert [line.split(":")[0] for line in summaries] == [str(odd), str(FOREIGN)]
    assert (
        f"{text}: lỗi: không đọc được tệp .docx: không phải tệp nén của Office (có đúng là "
        "tệp .docx?)"
    ) in lines


def test_a_rule_that_cannot_make_sense_of_a_file_is_reported_and_the_rest_checked(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kehoach_docs.check

    real = kehoach_docs.check.check_docx
    odd = _variant(tmp_path / "odd.docx", lambda x: x)

    def picky(source: object, display: str | None = None) -> object:
        if display == str(odd):
            raise ValueError("invalid literal for int() with base 10: '1.5cm'")
        return real(source, display)  # type: ignore[arg-type]

    monkeypatch.setattr(kehoach_docs.check, "check_docx", picky)
    result = run("check", str(odd), str(FOREIGN))
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{odd}: lỗi: có giá trị trong XML của tệp mà chương trình")
    assert "[Khổ giấy]" not in lines[0]
    assert lines[-1].startswith(f"{FOREIGN}: ")
    result = run("check", "--format", "json", str(odd), str(FOREIGN))
    assert '"unreadable": "có giá trị trong XML' in result.stdout


def test_check_ctrl_c_exits_130(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import kehoach_docs.check

    def interrupted(path: Path, display: str | None = None) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kehoach_docs.check, "check_docx", interrupted)
    result = run("check", str(FOREIGN))
    assert result.exit_code == 130
    assert "Đã dừng theo yêu cầu (Ctrl-C)" in result.stderr and "Aborted" not in result.output


def test_ctrl_c_before_a_command_runs_exits_130(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from kehoach_docs import cli

    def interrupted(self: object, *args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.Options, "__init__", interrupted)
    result = run("validate")
    assert result.exit_code == 130
    assert "Đã dừng theo yêu cầu (Ctrl-C)" in result.stderr and "Aborted" not in result.output


def test_ctrl_c_while_the_program_loads_exits_130() -> None:
    # Ctrl-C arriving while Click is imported (the first moments of any command).
    code = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'click':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "sys.argv = ['kehoach', 'validate']\n"
        "from kehoach_docs.__main__ import run\n"
        "run()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 130
    assert result.stderr == "Đã dừng theo yêu cầu (Ctrl-C); các tệp đã ghi đều trọn vẹn.\n"


def test_real_ctrl_c_during_check(tmp_path: Path) -> None:
    # Enough files that the program is still at work when the signal comes, even on a
    # busy machine that leaves this test waiting a few seconds after the first line.
    files = []
    for n in range(400):
        files.append(tmp_path / f"{n}.docx")
        shutil.copy(FOREIGN, files[-1])
    proc = subprocess.Popen(
        [*KEHOACH, "check", *map(str, files)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, cwd=REPO,
        # Ctrl-C as a terminal delivers it, even when these tests were started in the
        # background (a shell's "&" makes its children ignore SIGINT, and Python then
        # leaves it ignored).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    assert proc.stdout is not None
    proc.stdout.readline()  # the first file is checked; the program is running
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    checked = stdout.count(" lỗi, ")
    assert proc.returncode == 130, (proc.returncode, checked, stderr)
    assert checked < len(files) - 1
    assert stderr.strip() == "Đã dừng theo yêu cầu (Ctrl-C); các tệp đã ghi đều trọn vẹn."


# -- the README's promises -------------------------------------------------------------------------


def test_readme_collect_example_matches_what_forms_writes(run: Run, example_copy: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    forms = re.search(r"^kehoach (forms .*?)\s+#", readme, re.MULTILINE)
    collect = re.search(r"^kehoach collect (\S+)", readme, re.MULTILINE)
    assert forms and collect
    result = run("-w", str(example_copy), *forms.group(1).split())
    assert result.exit_code == 0, result.output
    matched = list(example_copy.glob(collect.group(1)))
    assert len(matched) == 30


def test_hypothesis_database_is_ignored_by_git() -> None:
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert ".hypothesis/" in ignored


def test_a_ctrl_c_as_the_command_ends_does_not_kill_it_wordlessly() -> None:
    """The command has ended and said so; a Ctrl-C during its exit (found by a clerk's
    trial: killed by the signal, exit -2, no word) no longer cuts it short."""
    code = (
        "import os, signal, sys, time\n"
        "from kehoach_docs.__main__ import run\n"
        "sys.argv = ['kehoach', '--version']\n"
        "try:\n    run()\nexcept SystemExit as exc:\n    ended = exc.code\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "time.sleep(0.2)\n"
        "print('ended', ended)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60,
        # As a terminal delivers Ctrl-C, even when these tests run in the background.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ended 0")
    assert "Traceback" not in done.stderr
