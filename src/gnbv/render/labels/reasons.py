"""Reasons a row is set aside (the reason codes of the report and the rejects file), and the
rejects file's own headings.

Each key: (Vietnamese, English); ``{name}`` is filled in by :func:`gnbv.render.labels.label`.
"""

WORDS_REASONS: dict[str, tuple[str, str]] = {
    "reason_missing_value": ("thiếu giá trị ở cột bắt buộc", "a required cell is blank"),
    "reason_not_a_number": ("cột số chứa chữ", "a number column holds text"),
    "reason_not_an_integer": ("cột số nguyên chứa số lẻ", "an integer column holds a fraction"),
    "reason_out_of_range": (
        "số ngoài khoảng cho phép (thu nhập âm, 0 nhân khẩu, ...)",
        "a number outside the column's range (negative income, 0 members, ...)",
    ),
    "reason_invalid_boolean": (
        "không phải có/không (true/false, 1/0, x)",
        "not one of true/false, 1/0, yes/no, có/không",
    ),
    "reason_invalid_area": (
        "khu vực không phải nông thôn/thành thị",
        "area is not rural/urban (nông thôn/thành thị)",
    ),
    "reason_invalid_status": (
        "phân loại đầu kỳ không phải nghèo/cận nghèo/trung bình/không nghèo",
        "status_prev is not poor/near_poor/middle/non_poor or blank",
    ),
    "reason_count_exceeds_total": (
        "số đếm lớn hơn tổng mà nó là một phần",
        "a count is larger than the total it is part of",
    ),
    "reason_duplicate_id": (
        "mã hộ đã có ở dòng trước (giữ dòng đầu tiên)",
        "household_id already seen on an earlier row (the first is kept)",
    ),
    "reason_id_shortened": (
        "mã hộ bị Excel rút gọn (2,40123E+11), mất các chữ số: định dạng cột Mã hộ là Văn bản"
        " (Text) ở tệp gốc rồi lưu lại",
        "household_id shortened by Excel (2.40123E+11), its figures lost: format the id column"
        " as Text in the original file and save it again",
    ),
    "reason_ambiguous_number": (
        "1.500 hay 1,500: nghìn hay số lẻ? (viết 1500)",
        "1.500 or 1,500 in an integer column: thousands or decimals? (write 1500)",
    ),
    "reason_wrong_field_count": (
        "dòng có nhiều hoặc ít ô hơn dòng tiêu đề",
        "the row has more or fewer fields than the header",
    ),
    "reason_invalid_value": (
        "ô chữ chứa ký tự điều khiển (NUL, ...)",
        "text cell holding a control character (NUL, ...)",
    ),
    "reason_excel_error": (
        "ô báo lỗi của Excel (#N/A, #DIV/0!, ...): sửa công thức ở tệp gốc rồi lưu lại",
        "the cell shows an Excel error (#N/A, #DIV/0!, ...): mend the formula in the original"
        " file and save it again",
    ),
    "rejects_row": ("Dòng trong tệp", "Row in the file"),
    "rejects_reasons": ("Lý do bị loại", "Why set aside"),
    "rejects_reason_codes": ("Mã lý do", "Reason codes"),
    "rejects_raw_line": (
        "Nội dung dòng (không tách được thành ô)",
        "The line as written (could not be split into cells)",
    ),
}
