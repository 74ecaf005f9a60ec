"""``gnbv progress template``: the progress workbook pre-filled from the plan, for an office to
fill in month by month and give back to gnbv unchanged in shape.

Every sheet of ``shared/progress-format.md`` with its Vietnamese name and headers, title rows
above them, drop-down lists for codes and statuses (Excel data validation) and number formats;
the plan year's allocation lines (each project or sub-project × source × capital type), the
works of Project 1, the three training levels and the districts are already there.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from gnbv.core.plan.model import Plan
from gnbv.core.programme.progress_contract import COLUMNS, SHEET_NAMES
from gnbv.io.writers import atomic_write, writing_to

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

SOURCES = {"central": "Ngân sách trung ương", "provincial": "Ngân sách tỉnh"}
CAPITAL = {"investment": "Đầu tư phát triển", "recurrent": "Sự nghiệp"}
WORK_STATUS = ["chưa khởi công", "đang thi công", "hoàn thành", "đã nghiệm thu bàn giao"]
PROJECT_STATUS = ["chưa triển khai", "đang thực hiện", "hoàn thành"]
LEVELS = ["cấp tỉnh", "cấp huyện", "cấp xã"]
HEADER_ROW = 4
BLANK_ROWS = 30
"""Empty rows with drop-downs where the office lists its own items (livelihood projects)."""
AMOUNT_FORMAT = "#,##0.000"
DATE_FORMAT = "dd/mm/yyyy"


def _title(sheet: Worksheet, text: str, note: str) -> None:
    from openpyxl.styles import Font

    sheet["A1"] = text
    sheet["A1"].font = Font(bold=True, size=12)
    sheet["A2"] = note
    sheet["A2"].font = Font(italic=True)


def _header(sheet: Worksheet, name: str) -> list[str]:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    canonical = [column for column, _ in COLUMNS[name]]
    for index, (_, aliases) in enumerate(COLUMNS[name], start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=aliases[0])
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        number = sheet.cell(row=HEADER_ROW + 1, column=index, value=f"({index})")
        number.alignment = Alignment(horizontal="center")
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(aliases[0]) // 2 + 6)
    sheet.row_dimensions[HEADER_ROW].height = 45
    sheet.freeze_panes = f"A{HEADER_ROW + 2}"
    return canonical


def _choices(sheet: Worksheet, column: int, words: list[str], rows: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = get_column_letter(column)
    listed = ",".join(words)
    validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
    validation.error = "Chọn một giá trị trong danh sách"
    sheet.add_data_validation(validation)
    validation.add(f"{letter}{HEADER_ROW + 2}:{letter}{HEADER_ROW + 1 + rows}")


def _formats(sheet: Worksheet, canonical: list[str], rows: int) -> None:
    for index, name in enumerate(canonical, start=1):
        fmt = None
        if name.endswith("_mvnd"):
            fmt = AMOUNT_FORMAT
        elif name.endswith("_on"):
            fmt = DATE_FORMAT
        elif name in ("officials", "trained", "households", "funds_year"):
            fmt = "0"
        if fmt is None:
            continue
        for row in range(HEADER_ROW + 2, HEADER_ROW + 2 + rows):
            sheet.cell(row=row, column=index).number_format = fmt


def _lines(plan: Plan) -> list[str]:
    """The codes funds are allocated to: sub-projects, or the project where it has none."""
    codes = []
    for project in plan.projects:
        codes += [sub.code for sub in project.subprojects] or [project.code]
    return codes


def _fill(sheet: Worksheet, rows: list[list[Any]]) -> None:
    for offset, values in enumerate(rows):
        for index, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=HEADER_ROW + 2 + offset, column=index, value=value)


def write_template(path: Path, plan: Plan) -> None:
    """The progress workbook pre-filled from the plan (its lines, works, levels and
    districts), with lists to choose words from, written atomically."""
    import openpyxl

    workbook = openpyxl.Workbook()
    report = workbook.active
    assert report is not None
    _report_sheet(report, plan)
    codes = _lines(plan)
    _disbursement_sheet(workbook.create_sheet(SHEET_NAMES["disbursement"][0]), plan, codes)
    _works_sheet(workbook.create_sheet(SHEET_NAMES["works"][0]), plan)
    _livelihood_sheet(workbook.create_sheet(SHEET_NAMES["livelihood_projects"][0]), plan, codes)
    _training_sheet(workbook.create_sheet(SHEET_NAMES["training"][0]), plan)
    _reports_sheet(workbook.create_sheet(SHEET_NAMES["allocation_reports"][0]), plan)

    def save(temporary: Path) -> None:
        with writing_to(path):
            workbook.save(temporary)

    atomic_write(path, save)


def _report_sheet(report: Worksheet, plan: Plan) -> None:
    year = plan.plan.year
    report.title = SHEET_NAMES["report"][0]
    _title(
        report,
        f"BÁO CÁO TIẾN ĐỘ THỰC HIỆN CHƯƠNG TRÌNH MTQG GIẢM NGHÈO BỀN VỮNG NĂM {year}",
        "Điền ngày số liệu và đơn vị báo cáo; số tiền tính bằng triệu đồng, lũy kế đến ngày "
        "số liệu. Giữ nguyên tên sheet và dòng tiêu đề.",
    )
    _header(report, "report")
    _fill(
        report,
        [["Tỉnh", plan.plan.province], ["Năm kế hoạch", year], ["Ngày số liệu", None],
         ["Đơn vị báo cáo", None]],
    )  # fmt: skip
    report.cell(row=HEADER_ROW + 4, column=2).number_format = DATE_FORMAT
    report.column_dimensions["A"].width = 22
    report.column_dimensions["B"].width = 30


def _disbursement_sheet(sheet: Worksheet, plan: Plan, codes: list[str]) -> None:
    """One line per project or sub-project × source × capital type of the plan's budget."""
    year = plan.plan.year
    _title(
        sheet,
        f"KẾ HOẠCH VỐN VÀ GIẢI NGÂN NĂM {year}",
        "Mỗi dòng: một dự án/tiểu dự án × nguồn vốn × loại vốn. Vốn kéo dài, chuyển nguồn từ "
        "năm trước: thêm dòng với năm của nguồn vốn. Ô để trống là chưa biết, không phải 0.",
    )
    canonical = _header(sheet, "disbursement")
    rows = [
        [year, SOURCES[source.id], CAPITAL[line.capital_type], code, None, None, None]
        for code in codes
        for source in plan.budget.sources
        if source.id in SOURCES
        for line in source.lines
    ]
    _fill(sheet, rows)
    total = len(rows) + BLANK_ROWS
    _formats(sheet, canonical, total)
    _choices(sheet, 2, [*SOURCES.values(), "Ngân sách huyện"], total)
    _choices(sheet, 3, list(CAPITAL.values()), total)
    _choices(sheet, 4, codes, total)


def _works_sheet(sheet: Worksheet, plan: Plan) -> None:
    year = plan.plan.year
    _title(sheet, f"CÔNG TRÌNH ĐẦU TƯ NĂM {year} (DỰ ÁN 1)", "Tình trạng: chọn trong danh sách.")
    canonical = _header(sheet, "works")
    works = [
        [work.id, project.code, None, None, None, None, None]
        for project in plan.projects
        for work in project.works
    ]
    _fill(sheet, works)
    _formats(sheet, canonical, len(works) + BLANK_ROWS)
    _choices(sheet, 3, WORK_STATUS, len(works) + BLANK_ROWS)


def _livelihood_sheet(sheet: Worksheet, plan: Plan, codes: list[str]) -> None:
    year = plan.plan.year
    _title(
        sheet,
        f"DỰ ÁN ĐA DẠNG HÓA SINH KẾ, MÔ HÌNH GIẢM NGHÈO, HỖ TRỢ PHÁT TRIỂN SẢN XUẤT NĂM {year}",
        "Mỗi dòng: một dự án hoặc mô hình được phân bổ vốn.",
    )
    canonical = _header(sheet, "livelihood_projects")
    _formats(sheet, canonical, BLANK_ROWS)
    _choices(sheet, 2, codes, BLANK_ROWS)
    _choices(sheet, 5, PROJECT_STATUS, BLANK_ROWS)


def _training_sheet(sheet: Worksheet, plan: Plan) -> None:
    year = plan.plan.year
    _title(sheet, f"BỒI DƯỠNG, TẬP HUẤN CÁN BỘ LÀM CÔNG TÁC GIẢM NGHÈO NĂM {year}", "")
    canonical = _header(sheet, "training")
    _fill(sheet, [[level, None, None, None] for level in LEVELS])
    _formats(sheet, canonical, len(LEVELS) + BLANK_ROWS)
    _choices(sheet, 1, LEVELS, len(LEVELS) + BLANK_ROWS)


def _reports_sheet(sheet: Worksheet, plan: Plan) -> None:
    """One line per district of the plan, for the date its allocation report came in."""
    deadline = plan.deadline("allocation_reports")
    due = deadline.date.strftime("%d/%m/%Y") if deadline else "hạn của kế hoạch"
    _title(sheet, f"BÁO CÁO KẾT QUẢ PHÂN BỔ VỐN CỦA CÁC HUYỆN (hạn {due})", "")
    canonical = _header(sheet, "allocation_reports")
    districts = plan.areas.districts or []
    _fill(sheet, [[district, None] for district in districts])
    _formats(sheet, canonical, len(districts))
