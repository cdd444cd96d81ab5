"""Word files made the way a văn thư types them, not the way this project renders:
a borderless header table, automatic numbering (numbering.xml) mixed with typed numbers,
labels in italic runs split anywhere with bookmarks and proofing marks between them, real
footnotes, Nơi nhận and the signature in a borderless table, and a landscape phụ lục with
a task table whose group rows span the table. Written as a package of XML parts."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
NUM_MAIN, NUM_BULLET = 3, 7  # numIds: I./1./a) and "-"


def run(text: str, b: bool = False, i: bool = False, sz: int = 28) -> str:
    props = ("<w:b/>" if b else "") + ("<w:i/>" if i else "") + f'<w:sz w:val="{sz}"/>'
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def note_ref(note_id: int) -> str:
    return (
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteReference w:id="{note_id}"/></w:r>'
    )


def para(*runs: str, jc: str = "both", num: tuple[int, int] | None = None, extra: str = "") -> str:
    numpr = (
        f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
    )
    ind = '<w:ind w:firstLine="567"/>' if jc == "both" else ""
    props = f'{numpr}<w:spacing w:after="120"/>{ind}<w:jc w:val="{jc}"/>{extra}'
    return f"<w:p><w:pPr>{props}</w:pPr>{''.join(runs)}</w:p>"


def p(text: str, b: bool = False, i: bool = False, sz: int = 28, jc: str = "both") -> str:
    return para(run(text, b, i, sz), jc=jc)


def cell(width: int, *paras: str, span: int = 1) -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>{grid}'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(paras) or '<w:p/>'}</w:tc>"


def table(widths: list[int], rows: list[str], borders: bool) -> str:
    kinds = ["top", "left", "bottom", "right", "insideH", "insideV"]
    value = "single" if borders else "none"
    edges = "".join(
        f'<w:{k} w:val="{value}" w:sz="4" w:space="0" w:color="000000"/>' for k in kinds
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>{edges}'
        f"</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def row(*cells: str) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


def header(issuer: str, code: str) -> str:
    left = cell(
        3600,
        p("UBND TỈNH BÌNH AN", jc="center", sz=26),
        p(issuer, b=True, jc="center"),
        p(f"Số:       /{code}", jc="center"),
    )
    right = cell(
        5700,
        p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", b=True, jc="center"),
        p("Độc lập - Tự do - Hạnh phúc", b=True, jc="center"),
        p("Bình An, ngày 05 tháng 3 năm 2025", i=True, jc="center"),
    )
    return table([3600, 5700], [row(left, right)], borders=False)


def signature(recipients: list[str], lines: list[str]) -> str:
    left = cell(
        4000,
        para(run("Nơi nhận:", b=True, i=True, sz=24), jc="left"),
        *(p(r, jc="left", sz=22) for r in recipients),
    )
    right = cell(
        5300,
        *(p(t, b=True, jc="center") for t in lines[:-1]),
        p("", jc="center"),
        p(lines[-1], b=True, jc="center"),
    )
    return table([4000, 5300], [row(left, right)], borders=False)


SPLIT_LABEL = (
    # "- Đơn vị chủ trì: Sở Thông tin và Truyền thông." split inside words, with a bookmark
    # and proofing marks between the runs, the label italic
    '<w:r><w:t xml:space="preserve">- </w:t></w:r>'
    '<w:r><w:rPr><w:i/></w:rPr><w:t>Đơn vị ch</w:t></w:r><w:proofErr w:type="spellStart"/>'
    '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:rPr><w:i/></w:rPr><w:t>ủ trì</w:t></w:r>'
    '<w:bookmarkEnd w:id="0"/><w:proofErr w:type="spellEnd"/>'
    '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">: </w:t></w:r>'
    '<w:r><w:t xml:space="preserve">Sở Thông tin </w:t></w:r><w:r><w:t>và Truyền thông.</w:t></w:r>'
)


def plan_body() -> list[str]:
    main, bullet = NUM_MAIN, NUM_BULLET
    return [
        header("SỞ TƯ PHÁP", "KH-STP"),
        p("KẾ HOẠCH", b=True, jc="center"),
        p("Triển khai công tác phổ biến, giáo dục pháp luật năm 2025", b=True, jc="center"),
        para(
            run("Căn cứ Luật Phổ biến, giáo dục pháp luật năm 2012", i=True),
            note_ref(1),
            run(";", i=True),
        ),
        p("Căn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2025 của UBND tỉnh;", i=True),
        p("Sở Tư pháp ban hành Kế hoạch triển khai như sau:"),
        para(run("MỤC ĐÍCH, YÊU CẦU", b=True), num=(main, 0)),
        para(
            run("Mục đích:", b=True),
            run(" Nâng cao nhận thức pháp luật của cán bộ, nhân dân."),
            num=(main, 1),
        ),
        para(
            run("Yêu cầu:", b=True),
            run(" Bám sát nhiệm vụ chính trị của địa phương."),
            num=(main, 1),
        ),
        para(run("NHIỆM VỤ CỤ THỂ", b=True), num=(main, 0)),
        para(
            run(
                "Tuyên truyền, phổ biến các văn bản pháp luật mới ban hành trên Cổng thông tin "
                "điện tử của tỉnh."
            ),
            num=(main, 1),
        ),
        para(SPLIT_LABEL),
        para(
            run("- "),
            run("Cơ quan phối hợp:", i=True),
            run(" Sở TT&TT, Ủy ban nhân dân huyện Hòa Bình, UBND các huyện, thành phố."),
        ),
        para(run("- "), run("Thời gian hoàn thành:", i=True), run(" Trước ngày 30/6/2025.")),
        para(
            run("- "), run("Sản phẩm:", i=True), run(" Chuyên mục pháp luật trên Cổng thông tin.")
        ),
        para(
            run("Tổ chức hội nghị tập huấn nghiệp vụ cho đội ngũ báo cáo viên pháp luật."),
            num=(main, 1),
        ),
        para(
            run("Chủ trì: Sở Nội vụ; phối hợp: Sở Tài chính; thời gian: Quý III năm 2025.", i=False)
        ),
        # typed numbers in the middle of automatic ones
        p(
            "3. Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ và Công an tỉnh tổ chức tập huấn "
            "kỹ năng hòa giải ở cơ sở."
        ),
        p("4. Xây dựng tủ sách pháp luật điện tử:"),
        para(run("Rà soát, cập nhật văn bản vào tủ sách."), num=(bullet, 0)),
        para(run("Hướng dẫn cấp xã khai thác tủ sách."), num=(bullet, 0)),
        para(run("Đơn vị thực hiện:", i=True), run(" Sở Tư pháp.")),
        para(run("Thời gian thực hiện:", i=True), run(" Thường xuyên.")),
        para(run("TỔ CHỨC THỰC HIỆN", b=True), num=(main, 0)),
        para(run("Các sở, ban, ngành", b=True), num=(main, 1)),
        p("Chủ động triển khai các nhiệm vụ được giao tại Kế hoạch này."),
        para(run("Ủy ban nhân dân huyện Hòa Bình", b=True), num=(main, 1)),
        para(run("Phối hợp tổ chức các hoạt động tại địa phương."), num=(main, 2)),
        para(run("Báo cáo kết quả về Sở Tư pháp trước ngày 15/12/2025."), num=(main, 2)),
        p(
            "Trên đây là Kế hoạch triển khai công tác phổ biến, giáo dục pháp luật năm 2025 "
            "của Sở Tư pháp./."
        ),
        signature(
            ["- UBND tỉnh (b/c);", "- Các sở, ban, ngành;", "- Lưu: VT, PBGDPL."],
            ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Bình"],
        ),
    ]


def appendix_body() -> list[str]:
    head = row(
        *(
            cell(w, p(t, b=True, jc="center"))
            for w, t in zip(
                [700, 5200, 2400, 2800, 1800, 2000],
                [
                    "STT",
                    "Nhiệm vụ",
                    "Cơ quan chủ trì",
                    "Cơ quan phối hợp",
                    "Thời gian hoàn thành",
                    "Sản phẩm",
                ],
                strict=True,
            )
        )
    )

    def group(text: str) -> str:
        return row(cell(14900, p(text, b=True, jc="left"), span=6))

    def task(n: str, what: str, lead: str, support: str, when: str, product: str) -> str:
        return row(
            *(
                cell(w, p(t, jc="left"))
                for w, t in zip(
                    [700, 5200, 2400, 2800, 1800, 2000],
                    [n, what, lead, support, when, product],
                    strict=True,
                )
            )
        )

    rows = [
        head,
        group("I. NHIỆM VỤ CHUNG"),
        task(
            "1",
            "Xây dựng kế hoạch chuyển đổi số năm 2025",
            "Sở Khoa học và Công nghệ",
            "Các sở, ban, ngành",
            "Quý I năm 2025",
            "Kế hoạch",
        ),
        task(
            "2",
            "Rà soát thủ tục hành chính trực tuyến",
            "Văn phòng UBND tỉnh",
            "Sở Khoa học và Công nghệ",
            "Trước ngày 30/6/2025",
            "Báo cáo",
        ),
        group("II. NHIỆM VỤ CỦA CẤP XÃ"),
        task(
            "3",
            "Số hóa hồ sơ hộ tịch",
            "UBND các xã, phường",
            "Sở Tư pháp",
            "Năm 2025",
            "Cơ sở dữ liệu",
        ),
    ]
    sect_landscape = (
        '<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr></w:p>'
    )
    return [
        header("ỦY BAN NHÂN DÂN", "KH-UBND")
        .replace("UBND TỈNH BÌNH AN", "")
        .replace("ỦY BAN NHÂN DÂN</w:t>", "ỦY BAN NHÂN DÂN TỈNH BÌNH AN</w:t>"),
        p("KẾ HOẠCH", b=True, jc="center"),
        p("Chuyển đổi số năm 2025", b=True, jc="center"),
        p("Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số năm 2025 như sau:"),
        p("I. MỤC TIÊU", b=True),
        p("Hoàn thành các nhiệm vụ chuyển đổi số theo Phụ lục kèm theo."),
        p("II. TỔ CHỨC THỰC HIỆN", b=True),
        p("Các cơ quan, đơn vị triển khai các nhiệm vụ tại Phụ lục I."),
        p("Trên đây là Kế hoạch chuyển đổi số năm 2025 của Ủy ban nhân dân tỉnh./."),
        p("(Kèm theo Phụ lục I)", i=True),
        signature(
            ["- Như trên;", "- Lưu: VT, KGVX."], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Cường"]
        ),
        sect_landscape,
        p("Phụ lục I", b=True, jc="center"),
        p("DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2025", b=True, jc="center"),
        p(
            "(Kèm theo Kế hoạch số     /KH-UBND ngày     tháng 3 năm 2025 của UBND tỉnh)",
            i=True,
            jc="center",
        ),
        table([700, 5200, 2400, 2800, 1800, 2000], rows, borders=True),
    ]


NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {W}>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>
<w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
<w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>
<w:num w:numId="{NUM_MAIN}"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="{NUM_BULLET}"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""

FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {W}>
<w:footnote w:type="separator" w:id="-1">
<w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0">
<w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p>
<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>
<w:r><w:t xml:space="preserve"> Luật số 14/2012/QH13 ngày 20 tháng 6 năm 2012.</w:t></w:r>
</w:p></w:footnote>
</w:footnotes>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>
<w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
</w:styles>"""

_ML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    + "".join(
        f'<Override PartName="/word/{name}.xml" ContentType="{_ML}.{kind}+xml"/>'
        for name, kind in [
            ("document", "document.main"),
            ("styles", "styles"),
            ("numbering", "numbering"),
            ("footnotes", "footnotes"),
        ]
    )
    + "</Types>"
)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _rels(*targets: tuple[str, str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/{kind}" Target="{target}"/>'
            for i, (kind, target) in enumerate(targets, start=1)
        )
        + "</Relationships>"
    )


ROOT_RELS = _rels(("officeDocument", "word/document.xml"))
DOC_RELS = _rels(
    ("styles", "styles.xml"), ("numbering", "numbering.xml"), ("footnotes", "footnotes.xml")
)


def write_docx(path: Path, body: list[str], landscape_tail: bool = False) -> Path:
    final = (
        '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>'
        if landscape_tail
        else '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W} {R}><w:body>'
        + "".join(body)
        + final
        + "</w:body></w:document>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", document)
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/numbering.xml", NUMBERING)
        z.writestr("word/footnotes.xml", FOOTNOTES)
    return path


def foreign_plan(folder: Path) -> Path:
    return write_docx(folder / "ke-hoach-so-tu-phap.docx", plan_body())


def foreign_appendix_plan(folder: Path) -> Path:
    return write_docx(folder / "ke-hoach-chuyen-doi-so.docx", appendix_body(), landscape_tail=True)


if __name__ == "__main__":
    # Regenerate the PDF fixture that LibreOffice exports from the typed plan:
    #   python tests/foreign_docs.py
    import subprocess
    import tempfile

    target = Path(__file__).parent / "data" / "foreign"
    with tempfile.TemporaryDirectory() as scratch:
        docx = foreign_plan(Path(scratch))
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(target), str(docx)],
            check=True,
        )
