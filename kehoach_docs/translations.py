"""Every library message a user can meet, said in Vietnamese: Click, PyYAML, pydantic, the OS.

One place for these words, so that a new message of a library is translated once, and a
test can compare this catalogue with the libraries' own sources.
"""

from __future__ import annotations

import errno
import functools
import gettext
import re
import sys
from typing import Any

# -- Click ------------------------------------------------------------------------------
# Click passes every message through gettext (`from gettext import gettext as _` in each of
# its modules). The catalogue below is a gettext translation installed into those modules:
# it works on every platform, whatever the locale, and costs nothing at start-up.

CLICK: dict[str, str] = {
    "Aborted!": "Đã dừng.",
    # Passed to `_` through a variable (Option.get_help_extra), so no extractor sees it.
    "required": "bắt buộc",
    "deprecated": "không còn dùng",
    "Missing command.": "Thiếu tên lệnh.",
    "Options": "Tùy chọn",
    "Positional arguments": "Tham số",
    "Commands": "Các lệnh",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Cảnh báo: lệnh “{name}” không còn được dùng.{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Cảnh báo: “{name}” không còn được dùng.{extra_message}"
    ),
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "Could not determine name for option with declarations {decls!r}": (
        "Không xác định được tên tùy chọn từ {decls!r}"
    ),
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?": (
        "Chưa khai báo tùy chọn nào nhưng có tên ({name}): có phải muốn khai báo tham số, "
        "hoặc “--{name}”?"
    ),
    "env var: {var}": "biến môi trường: {var}",
    "default: {default}": "mặc định: {default}",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": (
        "Mỗi tham số khai báo đúng một tên, ở đây có {length}: {decls}."
    ),
    "(dynamic)": "(tính khi chạy)",
    "Name '{name}' defined twice": "Tên “{name}” được khai báo hai lần",
    "Boolean option {decl!r} cannot use the same flag for true/false.": (
        "Tùy chọn bật/tắt {decl!r} không dùng cùng một cờ cho cả bật và tắt."
    ),
    "Do you want to continue?": "Tiếp tục?",
    "Confirm the action without prompting.": "Xác nhận luôn, không hỏi lại.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "unknown error": "lỗi không rõ",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Could not open file {filename!r}: {message}": "Không mở được tệp “{filename}”: {message}",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: {command} {option}",
    "No such option {name!r}.": "Không có tùy chọn “{name}”.",
    "No such command {name!r}.": "Không có lệnh “{name}”.",
    "Usage:": "Cách dùng:",
    "Invalid start character for option ({option})": "Tùy chọn “{option}” bắt đầu sai ký tự",
    "Option {name!r} does not take a value.": "Tùy chọn “{name}” không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Tham số “{name}” cần {nargs} giá trị.",
    "Couldn't detect Bash version, shell completion is not supported.": (
        "Không nhận ra phiên bản Bash: không gợi ý lệnh được."
    ),
    "Shell completion is not supported for Bash versions older than 4.4.": (
        "Gợi ý lệnh cần Bash từ 4.4 trở lên."
    ),
    "Press any key to continue...": "Nhấn phím bất kỳ để tiếp tục...",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai giá trị đã nhập không khớp nhau.",
    "Unknown color {colour!r}": "Không có màu “{colour}”",
    "Error: invalid input": "Lỗi: giá trị nhập không hợp lệ",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "Choice({choices})": "Lựa chọn({choices})",
    "{value} is not in the range {range}.": "{value} không nằm trong khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "“{value}” không phải giá trị bật/tắt; dùng một trong: {states}"
    ),
    "{value!r} is not a valid {number_type}.": "“{value}” không phải một số hợp lệ.",
    "{value!r} is not a valid UUID.": "“{value}” không phải mã UUID hợp lệ.",
    "{name} {filename!r} is a file.": "“{filename}” là một tệp, ở đây cần một thư mục.",
    "{name} {filename!r} is a directory.": "“{filename}” là một thư mục, ở đây cần một tệp.",
    "{name} {filename!r} is not readable.": "Không có quyền đọc “{filename}”.",
    "{name} {filename!r} is not writable.": "Không có quyền ghi “{filename}”.",
    "{name} {filename!r} is not executable.": "Không có quyền chạy “{filename}”.",
    "{name} {filename!r} does not exist.": "Không tìm thấy “{filename}”.",
    "Unknown standard stream '{name}'": "Không có luồng chuẩn “{name}”",
    "{editor}: Editing failed": "{editor}: không sửa được",
    "{editor}: Editing failed: {e}": "{editor}: không sửa được: {e}",
    "Windows error: {error}": "Lỗi Windows: {error}",
    "d": " ngày",
}
# Vietnamese has no plural: one text, keyed by Click's singular message.
CLICK_PLURAL: dict[str, str] = {
    "Got unexpected extra argument ({args})": "Thừa tham số ({args}).",
    "Takes {nargs} values but 1 was given.": "Cần {nargs} giá trị, ở đây có {len}.",
    "Did you mean {possibility}?": "Có phải {possibility}?",
    "Option {name!r} requires an argument.": "Tùy chọn “{name}” cần {nargs} giá trị.",
    "{value!r} is not {choice}.": "“{value}” không phải một trong: {choices}.",
    "{value!r} does not match the format {format}.": ("“{value}” không đúng dạng {formats}."),
    "{len_type} values are required, but {len_value} was given.": (
        "Cần {len_type} giá trị, ở đây có {len_value}."
    ),
}
# Where Click names a choice list with one item, the plural text still reads right.
_CLICK_PLURAL_ONE = {
    "{value!r} is not {choice}.": "“{value}” không phải {choice}.",
    "{value!r} does not match the format {format}.": "“{value}” không đúng dạng {format}.",
}


class ClickCatalogue(gettext.NullTranslations):
    """Click's messages in Vietnamese, through the gettext interface Click calls."""

    def gettext(self, message: str) -> str:
        return CLICK.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        if n == 1 and msgid1 in _CLICK_PLURAL_ONE:
            return _CLICK_PLURAL_ONE[msgid1]
        return CLICK_PLURAL.get(msgid1, msgid1 if n == 1 else msgid2)


def install_click() -> None:
    """Give every loaded Click module the Vietnamese catalogue as its `_` and `ngettext`.

    Click binds `gettext.gettext` into each module at import, so the catalogue goes where
    Click looks it up; the process's own gettext state (domains, locale) is left alone."""
    catalogue = ClickCatalogue()
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        if getattr(module, "_", None) is not None:
            module._ = catalogue.gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is not None:
            module.ngettext = catalogue.ngettext  # type: ignore[attr-defined]


# -- PyYAML -----------------------------------------------------------------------------
# The scanner's, parser's and composer's problems, as PyYAML formats them ("%r" holds a
# character or a token), each with what a clerk should do about it.

_QUOTE = "hãy đặt cả câu trong ngoặc kép"
_BACKSLASH = (
    "trong ngoặc kép, dấu “\\” bắt đầu một mã ký tự: dùng ngoặc đơn '…' hoặc viết hai dấu “\\\\”"
)
YAML_PROBLEMS: dict[str, str] = {
    "found character %r that cannot start any token": (
        "ký tự {0} không được đứng đầu một giá trị: " + _QUOTE
    ),
    "expected alphabetic or numeric character, but found %r": (
        "câu bắt đầu bằng “*” (chữ nghiêng *…*), “&” hay “%”: " + _QUOTE
    ),
    "expected a digit or '.', but found %r": "dòng bắt đầu bằng “%” viết sai: " + _QUOTE,
    "expected a digit or ' ', but found %r": "dòng bắt đầu bằng “%” viết sai: " + _QUOTE,
    "expected a digit, but found %r": "dòng bắt đầu bằng “%” viết sai: " + _QUOTE,
    "expected ' ', but found %r": "dòng bắt đầu bằng “%” viết sai: " + _QUOTE,
    "expected a comment or a line break, but found %r": (
        "sau phần trong ngoặc kép (hay sau “|”, “>”) còn chữ {0}: " + _QUOTE
    ),
    "expected chomping or indentation indicators, but found %r": (
        "câu bắt đầu bằng “|” hay “>”: " + _QUOTE
    ),
    "expected indentation indicator in the range 1-9, but found 0": (
        "câu bắt đầu bằng “|” hay “>”: " + _QUOTE
    ),
    "found unexpected end of stream": "thiếu dấu ngoặc kép đóng: tệp hết mà câu chưa đóng",
    "found unexpected document separator": (
        "gặp dòng “---” hay “...” khi câu trong ngoặc kép chưa đóng: thiếu dấu ngoặc kép đóng"
    ),
    "expected '!', but found %r": "câu bắt đầu bằng “!”: " + _QUOTE,
    "expected URI, but found %r": "câu bắt đầu bằng “!”: " + _QUOTE,
    "expected '>', but found %r": "câu bắt đầu bằng “!”: " + _QUOTE,
    "expected URI escape sequence of 2 hexadecimal numbers, but found %r": (
        "câu bắt đầu bằng “!” có dấu “%”: " + _QUOTE
    ),
    "could not find expected ':'": (
        "thiếu dấu “:” sau khóa, hoặc câu trong ngoặc kép chưa đóng ở dòng trước"
    ),
    "sequence entries are not allowed here": (
        "dấu “- ” không được đứng ở đây: mục danh sách phải thẳng hàng với các mục cùng cấp "
        "(câu bắt đầu bằng “-”, " + _QUOTE + ")"
    ),
    "block sequence entries are not allowed here": (
        "dấu “- ” không được đứng ở đây: mục danh sách phải thẳng hàng với các mục cùng cấp "
        "(câu bắt đầu bằng “-”, " + _QUOTE + ")"
    ),
    "mapping keys are not allowed here": "câu bắt đầu bằng “?”: " + _QUOTE,
    "mapping values are not allowed here": (
        "dấu “:” không được đứng ở đây: câu có dấu hai chấm rồi dấu cách, "
        + _QUOTE
        + "; hoặc dòng thụt lề chưa đúng"
    ),
    "found unknown escape character %r": _BACKSLASH,
    "expected escape sequence of %d hexadecimal numbers, but found %r": _BACKSLASH,
    "expected <block end>, but found %r": (
        "thụt lề không đều: dòng này lệch so với các dòng cùng cấp (gặp {0})"
    ),
    "expected '<document start>', but found %r": (
        "thụt lề sai ở cấp ngoài cùng, hoặc có nội dung sau dòng “...” (gặp {0})"
    ),
    "found duplicate YAML directive": "chỉ thị “%YAML” bị lặp",
    "found incompatible YAML document (version 1.* is required)": (
        "tệp ghi phiên bản YAML không được hỗ trợ (cần 1.x)"
    ),
    "expected ',' or ']', but got %r": (
        "danh sách “[…]” viết sai (gặp {0}): câu có dấu phẩy, dấu hai chấm hay ngoặc trong "
        "“[…]” phải đặt trong ngoặc kép; hoặc thiếu “]”"
    ),
    "expected ',' or '}', but got %r": (
        "khối “{{…}}” viết sai (gặp {0}): câu có dấu phẩy, dấu hai chấm hay ngoặc trong "
        "“{{…}}” phải đặt trong ngoặc kép; hoặc thiếu “}}”"
    ),
    "duplicate tag handle %r": "thẻ {0} khai báo hai lần",
    "found undefined tag handle %r": "câu bắt đầu bằng “!”: " + _QUOTE,
    "expected the node content, but found %r": "thiếu giá trị ở đây (gặp {0})",
    "expected a single document in the stream": (
        "tệp chỉ được có một tài liệu YAML: bỏ dòng “---” thứ hai"
    ),
    "but found another document": "tệp chỉ được có một tài liệu YAML: bỏ dòng “---” thứ hai",
    "found undefined alias %r": (
        "“*{name0}” là bí danh YAML nhưng phía trên chưa có nhãn “&{name0}” (bí danh chỉ dùng "
        "lại được giá trị đã đặt nhãn trước nó); nếu đây là câu bắt đầu bằng chữ nghiêng *…*, "
        + _QUOTE
    ),
    "found duplicate anchor %r; first occurrence": "nhãn “&{0}” được đặt hai lần",
    "second occurrence": "nhãn “&” được đặt hai lần",
}
# What PyYAML was doing when it failed; shown only when it names no problem.
YAML_CONTEXTS: dict[str, str] = {
    "while scanning for the next token": "khi đọc giá trị tiếp theo",
    "while scanning a directive": "khi đọc dòng bắt đầu bằng “%”",
    "while scanning an %s": "khi đọc nhãn “&” hay bí danh “*”",
    "while scanning a %s": "khi đọc nhãn “&” hay bí danh “*”",
    "while scanning a tag": "khi đọc thẻ “!”",
    "while parsing a tag": "khi đọc thẻ “!”",
    "while parsing a %s": "khi đọc thẻ “!”",
    "while scanning a block scalar": "khi đọc khối chữ “|” hay “>”",
    "while scanning a quoted scalar": "khi đọc câu trong ngoặc kép",
    "while scanning a double-quoted scalar": "khi đọc câu trong ngoặc kép",
    "while scanning a simple key": "khi đọc một khóa",
    "while parsing a block collection": "khi đọc một danh sách",
    "while parsing a block mapping": "khi đọc một khối “khóa: giá trị”",
    "while parsing a flow sequence": "khi đọc danh sách “[…]”",
    "while parsing a flow mapping": "khi đọc khối “{{…}}”",
    "while parsing a node": "khi đọc một giá trị",
    "while parsing a %s node": "khi đọc một giá trị",
    "expected a single document in the stream": "tệp chỉ được có một tài liệu YAML",
    "found duplicate anchor %r; first occurrence": "nhãn “&” được đặt hai lần",
}
YAML_TOKENS = {
    "<directive>": "dòng “%”",
    "<document start>": "dòng “---”",
    "<document end>": "dòng “...”",
    "<stream start>": "đầu tệp",
    "<stream end>": "cuối tệp",
    "<block sequence start>": "đầu một danh sách “- ”",
    "<block mapping start>": "một khóa mới",
    "<block end>": "cuối khối",
    "<alias>": "bí danh “*”",
    "<anchor>": "nhãn “&”",
    "<tag>": "thẻ “!”",
    "<scalar>": "một giá trị chữ",
    # (PyYAML's token before any key, not only a "?" the clerk wrote)
    "?": "một khóa mới",
}
_CHAR_NAMES = {
    "\t": "Tab",
    " ": "dấu cách",
    "\n": "xuống dòng",
    "\r": "xuống dòng",
    "\0": "cuối tệp",
}
TAB_PROBLEM = "có ký tự Tab: YAML chỉ thụt lề bằng dấu cách (thay Tab bằng dấu cách)"


def _pattern(fmt: str) -> re.Pattern[str]:
    parts = re.split(r"%[rsd]", fmt)
    return re.compile("^" + "(.+?)".join(re.escape(p) for p in parts) + "$", re.DOTALL)


@functools.cache
def _patterns(table: str) -> list[tuple[re.Pattern[str], str]]:
    """The messages of a table as patterns, compiled when a YAML error first needs them
    (not at start-up: `kehoach --help` imports this module)."""
    messages = YAML_PROBLEMS if table == "problems" else YAML_CONTEXTS
    return [(_pattern(fmt), text) for fmt, text in messages.items()]


def _literal(arg: str) -> Any:
    """What PyYAML printed with %r, as it was."""
    import ast

    try:
        return ast.literal_eval(arg)
    except (ValueError, SyntaxError):
        return arg


def _shown(value: Any) -> str:
    """A character or token PyYAML printed with %r (read back), as a clerk would name it."""
    if not isinstance(value, str):
        return str(value)
    if value in YAML_TOKENS:
        return YAML_TOKENS[value]
    if value in _CHAR_NAMES:
        return _CHAR_NAMES[value]
    return f"“{value}”"


def yaml_problem(problem: str | None, context: str | None) -> str:
    """PyYAML's problem (or, lacking one, its context) in Vietnamese."""
    for message, table in ((problem, "problems"), (context, "contexts")):
        if not message:
            continue
        for pattern, text in _patterns(table):
            match = pattern.match(message)
            if match:
                args = match.groups()
                if args and args[0] == repr("\t") and "cannot start any token" in message:
                    return TAB_PROBLEM
                values = [_literal(a) for a in args]
                names = {f"name{i}": str(v) for i, v in enumerate(values)}
                return text.format(*(_shown(v) for v in values), **names)
    return "cú pháp sai"


def yaml_reader_problem(character: Any) -> str:
    code = character if isinstance(character, int) else ord(str(character)[:1] or "\0")
    return (
        f"có ký tự điều khiển không in được (mã U+{code:04X}, thường do dán từ Word "
        "hay PDF): hãy xóa ký tự đó"
    )


# -- pydantic ---------------------------------------------------------------------------
# The error types our input models can raise, in words; a type not listed here gets a
# Vietnamese sentence quoting the value, never pydantic's English.

PYDANTIC: dict[str, str] = {
    "missing": "thiếu trường bắt buộc",
    "string_type": "phải là chữ",
    "string_unicode": "phải là chữ",
    "string_sub_type": "phải là chữ",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "int_parsing_size": "số quá lớn",
    "float_type": "phải là một số",
    "float_parsing": "phải là một số",
    "finite_number": "phải là một số hữu hạn",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "list_type": "phải là danh sách (mỗi mục một dòng bắt đầu bằng “- ”)",
    "tuple_type": "phải là danh sách (mỗi mục một dòng bắt đầu bằng “- ”)",
    "set_type": "phải là danh sách (mỗi mục một dòng bắt đầu bằng “- ”)",
    "iterable_type": "phải là danh sách (mỗi mục một dòng bắt đầu bằng “- ”)",
    "dict_type": "phải là một khối “khóa: giá trị”",
    "mapping_type": "phải là một khối “khóa: giá trị”",
    "model_type": "phải là một khối “khóa: giá trị”",
    "model_attributes_type": "phải là một khối “khóa: giá trị”",
    "dataclass_type": "phải là một khối “khóa: giá trị”",
    "string_too_short": "không được để trống",
    "none_required": "phải để trống",
    "frozen_field": "không được sửa",
    "frozen_instance": "không được sửa",
    "invalid_key": "khóa phải là chữ",
    "recursion_loop": "dữ liệu tự lặp lại chính nó",
    "recursion_depth_exceeded": "dữ liệu lồng nhau quá sâu",
    "set_item_not_hashable": "mục của danh sách không hợp lệ",
    "union_tag_invalid": "không đúng loại nào được phép",
    "union_tag_not_found": "không đúng loại nào được phép",
    "date_type": "ngày không hợp lệ",
    "date_parsing": "ngày không hợp lệ",
    "date_from_datetime_parsing": "ngày không hợp lệ",
    "date_from_datetime_inexact": "ngày không hợp lệ",
    "date_past": "ngày phải ở quá khứ",
    "date_future": "ngày phải ở tương lai",
}
INVALID_VALUE = "giá trị “{value}” không hợp lệ ở đây"


# -- Jinja (a template's tags) ------------------------------------------------------------
# Not one of the libraries whose English must never show, but what a clerk editing a
# template meets most: the usual syntax errors in words; others keep Jinja's own text.

# Patterns as text: `re` compiles (and caches) one when a template error needs it.
JINJA_SYNTAX: list[tuple[str, str]] = [
    (r"Encountered unknown tag '(.+?)'", "không có thẻ “{0}”"),
    (r"Unexpected end of template", "mẫu hết mà thẻ {{% … %}} chưa được đóng"),
    (r"unexpected end of template", "mẫu hết mà thẻ chưa được đóng"),
    (r"expected token '(.+?)', got '(.+?)'", "cần “{0}”, gặp “{1}”"),
    (r"Expected an expression, got '(.+?)'", "thẻ thiếu tên hay biểu thức (gặp “{0}”)"),
    (r"unexpected '(.+?)'", "gặp “{0}” không đúng chỗ"),
    (r"unexpected char (.+?) at", "ký tự {0} không dùng được trong thẻ"),
]


def jinja_syntax(message: str) -> str:
    for pattern, text in JINJA_SYNTAX:
        match = re.search(pattern, message)
        if match:
            return text.format(*match.groups())
    return message


# -- Operating system -------------------------------------------------------------------

OS_ERRORS: dict[int, str] = {
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EACCES: "không có quyền ghi hay đọc",
    errno.EPERM: "không có quyền",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENOENT: "không tìm thấy",
    errno.EEXIST: "đã có",
    errno.EISDIR: "là một thư mục",
    errno.ENOTDIR: "không phải thư mục",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EIO: "lỗi đọc ghi ổ đĩa",
    errno.EBUSY: "tệp đang được dùng",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.EFBIG: "tệp quá lớn",
    errno.ELOOP: "liên kết vòng",
    errno.EINVAL: "tên hay đường dẫn không hợp lệ",
    errno.ENXIO: "không phải tệp thường",
}
if hasattr(errno, "EDQUOT"):
    OS_ERRORS[errno.EDQUOT] = "hết hạn mức dung lượng"


def os_error(exc: OSError) -> str:
    """What went wrong with a file, in Vietnamese (the OS's text is often English)."""
    if isinstance(exc, PermissionError) and exc.errno not in OS_ERRORS:
        return OS_ERRORS[errno.EACCES]
    return OS_ERRORS.get(exc.errno or 0, f"lỗi hệ thống (mã {exc.errno})")
