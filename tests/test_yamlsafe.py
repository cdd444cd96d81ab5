from pathlib import Path

import pytest

from kehoach_docs.errors import DataError
from kehoach_docs.yamlsafe import load_yaml


def load(tmp_path: Path, text: str | bytes):  # type: ignore[no-untyped-def]
    path = tmp_path / "f.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return load_yaml(path, "plans/f.yaml")


def messages(exc: pytest.ExceptionInfo[DataError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_lines_are_kept_for_every_value(tmp_path: Path) -> None:
    loaded = load(tmp_path, "a:\n  b:\n    - x\n    - y\n")
    assert loaded.data == {"a": {"b": ["x", "y"]}}
    assert loaded.line_of(("a", "b", 1)) == 4
    assert loaded.line_of(("a", "b", 5, "nope")) == 2


def test_duplicate_key_is_rejected_with_both_lines(tmp_path: Path) -> None:
    with pytest.raises(DataError) as exc:
        load(tmp_path, "ten: A\nloai: so\nten: B\n")
    assert messages(exc) == ["plans/f.yaml:3: ten: khóa “ten” bị lặp (đã có ở dòng 1)"]


def test_python_tags_are_refused_and_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    with pytest.raises(DataError) as exc:
        load(tmp_path, f"x: !!python/object/apply:os.system ['touch {marker}']\n")
    assert (
        "thẻ YAML “tag:yaml.org,2002:python/object/apply:os.system” không được phép"
        in messages(exc)[0]
    )
    assert not marker.exists()


def test_alias_bomb_is_stopped(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(DataError) as exc:
        load(tmp_path, "\n".join(lines) + "\n")
    assert "bí danh YAML" in messages(exc)[0]


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(DataError) as exc:
        load(tmp_path, "a: 1\nb: [1, 2\nc: 3\n")
    assert messages(exc)[0].startswith("plans/f.yaml:3: lỗi cú pháp YAML:")


def test_an_alias_with_no_anchor_says_which_anchor_is_missing(tmp_path: Path) -> None:
    # A clerk who copies a header block by alias, and misspells its anchor.
    with pytest.raises(DataError) as exc:
        load(tmp_path, "a: &ky_xa {chuc_vu: CHỦ TỊCH}\nb: *ky_xaa\n")
    assert messages(exc) == [
        "plans/f.yaml:2: lỗi cú pháp YAML: “*ky_xaa” là bí danh YAML nhưng phía trên chưa có "
        "nhãn “&ky_xaa” (bí danh chỉ dùng lại được giá trị đã đặt nhãn trước nó); nếu đây là "
        "câu bắt đầu bằng chữ nghiêng *…*, hãy đặt cả câu trong ngoặc kép"
    ]


def test_a_key_out_of_line_names_no_parser_token(tmp_path: Path) -> None:
    with pytest.raises(DataError) as exc:
        load(tmp_path, "co_quan:\n  - id: a\n    ten: A\n  dia_danh: x\n")
    assert messages(exc) == [
        "plans/f.yaml:4: lỗi cú pháp YAML: thụt lề không đều: dòng này lệch so với các dòng "
        "cùng cấp (gặp một khóa mới)"
    ]


def test_empty_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(DataError) as exc:
        load(tmp_path, "# chỉ có chú thích\n")
    assert messages(exc) == ["plans/f.yaml: tệp rỗng: không có nội dung YAML nào"]
    with pytest.raises(DataError) as exc:
        load(tmp_path, b"PK\x03\x04\x00\x00binary")
    assert "tệp không phải văn bản" in messages(exc)[0]


def test_text_comes_out_nfc(tmp_path: Path) -> None:
    loaded = load(tmp_path, 'ten: "So\u031b\u0309 No\u0302\u0323i vu\u0323"\n')
    assert loaded.data["ten"] == "Sở Nội vụ"


def test_dates_stay_text_for_the_schema(tmp_path: Path) -> None:
    loaded = load(tmp_path, "ngay: 2024-02-30\n")
    assert loaded.data == {"ngay": "2024-02-30"}
