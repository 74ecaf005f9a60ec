"""``--help`` in Vietnamese: each command's and option's help, keyed by its English text
(spaces folded). The command line swaps them in unless ``--lang en`` is given; a test fails
when a help text has no Vietnamese here."""

from __future__ import annotations

HELP_VI: dict[str, str] = {
    "Check a province's sustainable poverty reduction plan against its household census.": (
        "Đối chiếu kế hoạch giảm nghèo bền vững của tỉnh với số liệu rà soát hộ gia đình."
    ),
    "Show the version and exit.": "Xem phiên bản rồi thoát.",
    "Show this message and exit.": "Xem hướng dẫn này rồi thoát.",
    "Show tracebacks of internal errors (may be given anywhere on the command line).": (
        "Hiện chi tiết lỗi nội bộ (ghi ở vị trí nào trên dòng lệnh cũng được)."
    ),
    "Nothing on stderr but warnings and errors (may be given anywhere; for cron).": (
        "Chỉ in cảnh báo và lỗi (ghi ở vị trí nào cũng được; dùng khi chạy tự động)."
    ),
    "Show the plan's budget (sources x capital types), reconciled against its stated totals; "
    "with --progress, what was allocated and disbursed beside it, and the pace. Exits 2 when a "
    "stated total does not equal the sum of its parts (or the allocation in the progress "
    "workbook does not add up to the plan's budget).": (
        "Nguồn vốn của kế hoạch (nguồn × loại vốn), đối chiếu với các tổng kế hoạch nêu; với "
        "--progress, thêm vốn đã giao, đã giải ngân và tiến độ. Mã thoát 2 khi một tổng không "
        "bằng cộng các phần (hoặc vốn giao trong sổ tiến độ không khớp với kế hoạch)."
    ),
    "Use plan_YYYY.yaml of the current folder.": "Dùng tệp plan_YYYY.yaml trong thư mục này.",
    "Plan file (YAML).": "Tệp kế hoạch (YAML).",
    "table (for people) or json.": "table (để đọc) hoặc json.",
    "table (for people), json or xlsx (the forms as a workbook; needs --output).": (
        "table (để đọc), json hoặc xlsx (các biểu trong sổ Excel; cần --output)."
    ),
    "Language of labels and number style.": "Ngôn ngữ và cách viết số (vi hoặc en).",
    "The programme's progress workbook (gnbv progress template makes one), or a folder of its "
    "tables as CSV files.": (
        "Sổ theo dõi tiến độ Chương trình (tạo mẫu bằng gnbv progress template), hoặc một thư "
        "mục chứa các bảng của sổ dưới dạng tệp CSV."
    ),
    "SQLite file the run's figures are added to (the same date replaces its figures).": (
        "Tệp SQLite lưu số liệu của mỗi lần chạy (cùng ngày số liệu thì ghi đè)."
    ),
    "Validate a census, classify every household, and compare the plan's targets with it. "
    "Exit codes: 0 every target that can be evaluated is met; 1 a target is not met; 2 a "
    "usage, plan or file error; 3 too many rows set aside (--max-invalid).": (
        "Kiểm tra tệp rà soát, phân loại từng hộ và so sánh với các chỉ tiêu của kế hoạch. "
        "Mã thoát: 0 mọi chỉ tiêu tính được đều đạt; 1 có chỉ tiêu không đạt; 2 lỗi lệnh, kế "
        "hoạch hoặc tệp; 3 quá nhiều dòng bị loại (--max-invalid)."
    ),
    "Census file (CSV, Excel, Parquet).": "Tệp rà soát (CSV, Excel, Parquet).",
    "Previous year's census: baseline of the reduction targets where the plan states no "
    "rate.": "Tệp rà soát năm trước: số gốc của các chỉ tiêu giảm khi kế hoạch không nêu.",
    "Write the rows set aside, with their reasons, to this CSV.": (
        "Ghi các dòng bị loại, kèm lý do, vào tệp CSV này."
    ),
    "Largest share of rows (percent) that may be set aside; above it, exit 3.": (
        "Tỷ lệ dòng bị loại tối đa (%); vượt quá thì mã thoát 3."
    ),
    "table (for people), json, csv (one table) or xlsx (a workbook; needs --output).": (
        "table (để đọc), json, csv (một bảng) hoặc xlsx (sổ Excel; cần --output)."
    ),
    "Write the report to this file (atomically) instead of stdout.": (
        "Ghi báo cáo vào tệp này thay vì in ra màn hình."
    ),
    "Exit 0 even when targets are not met (for archiving jobs).": (
        "Mã thoát 0 cả khi có chỉ tiêu không đạt (khi chỉ cần lưu báo cáo)."
    ),
    "Census text encoding: utf-8, utf-16, cp1258 (default: detected).": (
        "Bảng mã của tệp: utf-8, utf-16, cp1258 (mặc định: tự nhận biết)."
    ),
    "Census field delimiter: ',', ';' or 'tab' (default: detected).": (
        "Dấu phân cách cột: ',', ';' hoặc 'tab' (mặc định: tự nhận biết)."
    ),
    "Sheet of an .xlsx census (default: the first).": (
        "Sheet của sổ Excel rà soát (mặc định: sheet đầu tiên)."
    ),
    "Sheet of the previous census's workbook, when it names it otherwise (default: --sheet).": (
        "Sheet của sổ Excel rà soát kỳ trước, khi tên sheet khác (mặc định: như --sheet)."
    ),
    'The office that makes the forms, top left of each ("UBND huyện Sơn Động"); default: the '
    "progress workbook's reporting unit, else the plan's lead agency for the whole province, "
    "a line to write in for a part of it.": (
        'Cơ quan lập biểu, ghi ở góc trên bên trái mỗi biểu ("UBND huyện Sơn Động"); mặc định: '
        "đơn vị báo cáo của sổ tiến độ, nếu không thì cơ quan chủ trì của kế hoạch với biểu "
        "toàn tỉnh, một dòng chấm để ghi tay với biểu của huyện, xã."
    ),
    "YAML mapping a district's own headers and codes to gnbv's.": (
        "Tệp YAML ánh xạ tiêu đề và mã riêng của đơn vị sang của gnbv."
    ),
    "Include cell contents in the list of data problems (personal data: off by default).": (
        "Hiện nội dung ô trong danh sách lỗi (dữ liệu cá nhân: mặc định không hiện)."
    ),
    "Households that escaped, fell back, became poor, left or arrived between two reviews. "
    "Matches households by household_id, checks start + changes = end for every unit, and "
    "prints the review's summary table. Exit codes: 0 done; 2 usage or file error; 3 too many "
    "rows set aside. (Targets are in the JSON and xlsx outputs; use check to gate on them.)": (
        "Diễn biến hộ nghèo, cận nghèo giữa hai kỳ rà soát: thoát nghèo, tái nghèo, phát sinh, "
        "chuyển đi, chuyển đến. Ghép hộ theo mã hộ, kiểm tra đầu kỳ − giảm + tăng = cuối kỳ "
        "cho từng đơn vị và in biểu tổng hợp. Mã thoát: 0 xong; 2 lỗi lệnh hoặc tệp; 3 quá "
        "nhiều dòng bị loại."
    ),
    "PREV.csv CURR.csv, or only CURR.csv to use its status_prev column.": (
        "TỆP_NĂM_TRƯỚC TỆP_NĂM_NAY, hoặc chỉ tệp năm nay (dùng cột phân loại đầu kỳ)."
    ),
    "Write to this file (atomically).": "Ghi vào tệp này.",
    "Instead of the summary, list the households behind a count (CSV: id, commune, class "
    "then and now, deprivations).": (
        "Thay cho biểu tổng hợp, liệt kê các hộ của một loại diễn biến (CSV)."
    ),
    "Write each valid household's class and deprivation count, to list those behind a "
    "number.": "Ghi phân loại và số chỉ số thiếu hụt của từng hộ hợp lệ.",
    "CSV to write.": "Tệp CSV cần ghi.",
    "Write the rows set aside.": "Ghi các dòng bị loại.",
    "List households to act on: units, class now and before, income against the line, and "
    "each deprivation; filtered by unit, class, change and deprivation, sorted by unit.": (
        "Danh sách hộ để hỗ trợ: đơn vị, phân loại nay và đầu kỳ, thu nhập so với chuẩn, từng "
        "chỉ số thiếu hụt; lọc theo đơn vị, phân loại, diễn biến, thiếu hụt; xếp theo đơn vị."
    ),
    "Census file.": "Tệp rà soát.",
    "CSV (UTF-8 with BOM, for Excel) or .xlsx to write.": "Tệp CSV (mở bằng Excel) hoặc .xlsx.",
    "Last year's census: the class at the start comes from it.": (
        "Tệp rà soát năm trước: lấy phân loại đầu kỳ từ đó."
    ),
    "Only this district (repeatable).": "Chỉ huyện này (ghi được nhiều lần).",
    "Only this commune (repeatable).": "Chỉ xã này (ghi được nhiều lần).",
    "Only this class (repeatable).": "Chỉ loại hộ này (ghi được nhiều lần).",
    "Only households with this change since the start.": "Chỉ các hộ có diễn biến này.",
    "Only households deprived in this column (dep_water, ...).": (
        "Chỉ các hộ thiếu hụt ở cột này (dep_water, ...)."
    ),
    "Poor households nearest to leaving poverty: income within this percent below the line, "
    "or one deprivation from the threshold.": (
        "Hộ nghèo gần thoát nghèo: thu nhập thấp hơn chuẩn không quá số phần trăm này, hoặc "
        "chỉ còn thiếu hụt đúng ngưỡng."
    ),
    "The figures of earlier runs, date by date: each target, each disbursement line and its "
    "pace against the deadline.": (
        "Số liệu các lần chạy trước theo ngày: từng chỉ tiêu, từng dòng giải ngân và tiến độ."
    ),
    "The history file (--history of earlier runs).": "Tệp lịch sử (--history của các lần chạy).",
    "Generate a synthetic census of Bắc Giang (no real household) in the census format.": (
        "Tạo tệp rà soát giả lập của Bắc Giang (không có hộ thật) theo định dạng chuẩn."
    ),
    "Share of Bắc Giang's ~477,000 households (1 = full).": (
        "Tỷ lệ so với khoảng 477.000 hộ của Bắc Giang (1 = đủ)."
    ),
    "Same seed, same file.": "Cùng hạt giống, cùng tệp.",
    "Year whose poverty standard is used.": "Năm lấy chuẩn nghèo.",
    "Also write the previous year's census of the same households.": (
        "Ghi thêm tệp rà soát năm trước của cùng các hộ."
    ),
    "Validate and show a plan file.": "Kiểm tra và xem tệp kế hoạch.",
    "Check a plan file: structure, known metrics, unique ids, totals that add up.": (
        "Kiểm tra tệp kế hoạch: cấu trúc, chỉ số, mã không trùng, các tổng cộng khớp."
    ),
    "Plan file; default: the only plan_*.yaml here.": (
        "Tệp kế hoạch; mặc định: tệp plan_*.yaml duy nhất ở đây."
    ),
    "List the plan's targets as a table.": "Liệt kê các chỉ tiêu của kế hoạch.",
    "The programme's progress workbook: funds disbursed, works, projects, training.": (
        "Sổ tiến độ Chương trình: giải ngân, công trình, dự án, tập huấn."
    ),
    "Write the progress workbook pre-filled from the plan, for the office to fill in.": (
        "Tạo sổ tiến độ điền sẵn theo kế hoạch, để đơn vị nhập số liệu."
    ),
    "The .xlsx workbook to write.": "Sổ Excel (.xlsx) cần ghi.",
    "The programme's own targets (T6 funds disbursed, T7 livelihood projects completed, T10 "
    "officials trained) and its pace, from the progress workbook alone (no census). Exit "
    "codes: 0 met; 1 a target not met; 2 a file error or an allocation that does not add up "
    "to the plan's budget; 3 too many rows set aside.": (
        "Các chỉ tiêu của Chương trình (T6 giải ngân, T7 dự án sinh kế hoàn thành, T10 cán bộ "
        "được tập huấn) và tiến độ, chỉ từ sổ tiến độ. Mã thoát: 0 đạt; 1 có chỉ tiêu không "
        "đạt; 2 lỗi tệp hoặc vốn giao không khớp kế hoạch; 3 quá nhiều dòng bị loại."
    ),
    "The progress workbook (.xlsx, .xls), or a folder of its tables as CSV files.": (
        "Sổ tiến độ (.xlsx, .xls), hoặc thư mục các bảng của sổ dưới dạng tệp CSV."
    ),
    "Largest share of rows set aside (%).": "Tỷ lệ dòng bị loại tối đa (%).",
    "Exit 0 when targets are not met.": "Mã thoát 0 cả khi có chỉ tiêu không đạt.",
    "Write the report to this file instead of stdout (.xlsx: the workbook of forms).": (
        "Ghi báo cáo vào tệp này thay vì in ra màn hình (.xlsx: sổ Excel các biểu)."
    ),
    "Also draw the disbursement against a steady pace to the deadline (SVG).": (
        "Vẽ thêm biểu đồ giải ngân so với tiến độ đều đến hạn (SVG)."
    ),
}

HELP_FRAME_VI: dict[str, str] = {
    # Headings and the usage line's words.
    "Usage": "Cách dùng",
    "Arguments": "Tham số",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "OPTIONS": "TÙY_CHỌN",
    "COMMAND": "LỆNH",
    "ARGS": "THAM_SỐ",
    # What an option takes (``--year <số nguyên>``).
    "int": "số nguyên",
    "integer range": "số nguyên",
    "float": "số",
    "float range": "số",
    "str": "chữ",
    "file": "tệp",
    "path": "đường dẫn",
    "Path": "tệp",
    # The commands' arguments.
    "census_file": "TỆP_RÀ_SOÁT",
    "files": "TỆP",
    "plan_file": "TỆP_KẾ_HOẠCH",
    "workbook": "SỔ_TIẾN_ĐỘ",
    "database": "TỆP_LỊCH_SỬ",
    # After an option's help: ``[mặc định: vi]``, ``[bắt buộc]``.
    "default": "mặc định",
    "required": "bắt buộc",
}
"""The words of ``--help`` around the help texts (the parser's), in Vietnamese."""


def fold(text: str) -> str:
    return " ".join(text.split())


_BY_FOLDED = {fold(key): value for key, value in HELP_VI.items()}


def vietnamese_help(text: str) -> str | None:
    return _BY_FOLDED.get(fold(text))
