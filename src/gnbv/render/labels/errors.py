"""Errors that stop a run for another cause than the census file: the plan, a standard, a
YAML file, the history, an output that cannot be written, options (their English text is
also in the JSON error document).

Each key: (Vietnamese, English); ``{name}`` is filled in by :func:`gnbv.render.labels.label`.
"""

WORDS_ERRORS: dict[str, tuple[str, str]] = {
    "err_history_other_unit": (
        "{path}: tệp lịch sử này ghi số liệu của {held!r}; lần chạy này là của {unit!r}",
        "{path}: the history holds the figures of {held!r}; this run's are of {unit!r}",
    ),
    "err_history_other_unit_hint": (
        "ghi số liệu này vào một tệp khác (--history)",
        "give --history another file for them",
    ),
    "err_no_plan": ("không có tệp plan_*.yaml trong {folder}", "no plan_*.yaml in {folder}"),
    "err_no_plan_hint": ("ghi rõ --plan TỆP hoặc --year NĂM", "give --plan PATH or --year YYYY"),
    "err_no_folder": (
        "{path}: thư mục {folder} không tồn tại",
        "{path}: the folder {folder} does not exist",
    ),
    "err_overwrite_input": (
        "{path}: không ghi đè lên tệp đầu vào",
        "{path}: refusing to overwrite an input file",
    ),
    "err_overwrite_input_hint": ("chọn tên tệp khác", "choose another output path"),
    "err_cannot_write": ("{path}: không ghi được: {reason}", "{path}: cannot write: {reason}"),
    "err_cannot_write_hint": (
        "kiểm tra thư mục cho phép ghi và ổ đĩa còn chỗ, rồi chạy lại",
        "check that the folder is writable and the disk has space, then run again",
    ),
    "err_cannot_replace": ("{path}: không ghi được: {reason}", "{path}: cannot write: {reason}"),
    "err_cannot_replace_hint": (
        "nếu tệp đang mở (trong Excel), đóng lại rồi chạy lại; nếu không, kiểm tra thư mục cho "
        "phép ghi",
        "if the file is open (in Excel), close it and run again; else check that the folder is "
        "writable",
    ),
    "err_no_start": (
        "{path}: không có cột phân loại đầu kỳ (status_prev) nên không biết đầu kỳ",
        "{path}: no status_prev column, so no start of period is known",
    ),
    "err_no_start_hint": (
        "đưa cả tệp rà soát kỳ trước: gnbv compare KỲ_TRƯỚC.csv KỲ_NÀY.csv",
        "give the previous census too: gnbv compare PREV.csv CURR.csv",
    ),
    "err_no_start_list": (
        "{path}: không có cột phân loại đầu kỳ (status_prev) nên không biết diễn biến",
        "{path}: no status_prev column, so no change since the start is known",
    ),
    "err_no_start_list_hint": (
        "đưa tệp rà soát kỳ trước với --previous",
        "give the previous census with --previous",
    ),
    "err_no_transitions": (
        "không có diễn biến để lập bảng: đưa tệp rà soát kỳ trước, hoặc tệp có cột phân loại "
        "đầu kỳ (status_prev)",
        "no transitions to tabulate: give the previous census, or a census with a status_prev "
        "column",
    ),
    "err_compare_files": (
        "cần KỲ_TRƯỚC.csv KỲ_NÀY.csv, hoặc chỉ KỲ_NÀY.csv",
        "give PREV.csv CURR.csv, or CURR.csv alone",
    ),
    "err_unknown_deprivation": (
        "không có cột thiếu hụt {columns}",
        "unknown deprivation column {columns}",
    ),
    "err_unknown_deprivation_hint": ("một trong: {known}", "one of: {known}"),
    "err_no_standard_year": (
        "không có chuẩn nghèo nào cho năm {year}",
        "no poverty standard shipped for {year}",
    ),
    "err_temporary_read": (
        "không đọc lại được tệp tạm: {reason}",
        "a temporary file could not be read back: {reason}",
    ),
    "err_temporary_read_hint": (
        "đặt TMPDIR là một thư mục trên ổ đĩa hoạt động tốt rồi chạy lại",
        "set TMPDIR to a folder on a working disk and run again",
    ),
    "err_temporary_write": (
        "không giữ được các dòng bị loại trong tệp tạm: {reason}",
        "the rows set aside could not be kept in a temporary file: {reason}",
    ),
    "err_temporary_write_hint": (
        "đặt TMPDIR là thư mục còn chỗ trống (hoặc chạy không có --rejects)",
        "set TMPDIR to a folder with space (or run without --rejects)",
    ),
    "err_history_open": (
        "{path}: không mở được tệp lịch sử: {reason}",
        "{path}: cannot open the history: {reason}",
    ),
    "err_history_not": (
        "{path}: không phải tệp lịch sử của gnbv",
        "{path}: not a gnbv history",
    ),
    "err_history_not_hint": (
        "đặt tên tệp mới cho --history, hoặc dùng tệp do lần chạy trước ghi",
        "give --history a new file name, or the file an earlier run wrote",
    ),
    "err_history_newer": (
        "{path}: do phiên bản gnbv mới hơn ghi (lược đồ {found}, bản này đọc được {known})",
        "{path}: written by a newer gnbv (history schema {found}, this gnbv reads {known})",
    ),
    "err_history_newer_hint": (
        "cập nhật gnbv, hoặc dùng tệp lịch sử khác",
        "update gnbv, or give --history another file",
    ),
    "err_history_missing": ("{path}: không tìm thấy tệp", "{path}: no such file"),
    "err_history_missing_hint": (
        "các lần chạy có --history TỆP sẽ ghi tệp này",
        "runs with --history FILE write it",
    ),
    "err_plan_and_year": (
        "chỉ ghi --plan hoặc --year, không ghi cả hai",
        "give --plan or --year, not both",
    ),
    "err_no_plan_year": (
        "không có kế hoạch năm {year}: không có tệp {path}",
        "no plan for {year}: {path} does not exist",
    ),
    "err_no_plan_year_hint": (
        "chạy trong thư mục có tệp kế hoạch, hoặc ghi --plan TỆP",
        "run from the folder that holds the plan, or give --plan PATH",
    ),
    "err_several_plans": (
        "có nhiều kế hoạch trong {folder}: {names}",
        "several plans in {folder}: {names}",
    ),
    "err_several_plans_hint": (
        "chọn một với --plan TỆP hoặc --year NĂM",
        "choose one with --plan PATH or --year YYYY",
    ),
    "err_yaml_alias": (
        "{where}: YAML không hợp lệ: không dùng bí danh YAML (*tên) trong tệp của gnbv",
        "{where}: not valid YAML: YAML aliases (*name) are not allowed in gnbv files",
    ),
    "err_yaml_alias_hint": (
        "ghi thẳng giá trị thay vì trỏ tới một neo (&tên)",
        "write the value out instead of referring to an anchor",
    ),
    "err_yaml": ("{where}: YAML không hợp lệ: {reason}", "{where}: not valid YAML: {reason}"),
    "err_yaml_hint": ("sửa YAML ở dòng đó", "fix the YAML at that line"),
    "err_yaml_twice": (
        "{where}: {name}: khoá được ghi hai lần",
        "{where}: {name}: key given twice",
    ),
    "err_yaml_twice_hint": ("bỏ một trong hai", "remove one of the two"),
    "err_yaml_large": (
        "{path}: tệp lớn hơn 5 MB, không đọc",
        "{path}: the file is larger than 5 MB; refusing to read it",
    ),
    "err_yaml_not_utf8": (
        "{path}: không phải văn bản UTF-8 (byte {offset})",
        "{path}: not UTF-8 text (byte {offset})",
    ),
    "err_yaml_not_utf8_hint": ("lưu tệp dạng UTF-8", "save the file as UTF-8"),
    "err_cannot_read": ("{path}: không đọc được: {reason}", "{path}: cannot read: {reason}"),
    "err_yaml_not_mapping": (
        "{path}: đầu tệp phải là một bảng khoá: giá trị (YAML mapping)",
        "{path}: expected a YAML mapping at the top",
    ),
    "err_unknown_standard": (
        "không có chuẩn nghèo {standard!r}",
        "unknown standard {standard!r}",
    ),
    "err_invalid_plan": (
        "tệp kế hoạch không hợp lệ ({count} lỗi):",
        "the plan file does not load ({count} problems):",
    ),
    "err_invalid_plan_hint": (
        "xem mục tệp kế hoạch (The plan file) trong README",
        "see the plan file format in the README",
    ),
    "err_invalid_standard": (
        "tệp chuẩn nghèo không hợp lệ ({count} lỗi):",
        "the standard file does not load ({count} problems):",
    ),
    "err_invalid_column_mapping": (
        "tệp ánh xạ cột (--columns) không hợp lệ ({count} lỗi):",
        "the column mapping file does not load ({count} problems):",
    ),
    "err_invalid_column_mapping_hint": (
        "xem mục ánh xạ cột (Column mapping) trong README",
        "see the column mapping format in the README",
    ),
    "err_plan_inconsistent": (
        "các số trong kế hoạch không khớp nhau ({count} lỗi):",
        "the plan's figures do not agree ({count} problems):",
    ),
    "err_plan_inconsistent_hint": (
        "sửa kế hoạch cho đúng với văn bản kế hoạch",
        "correct the plan so that it says what the plan's text says",
    ),
}
