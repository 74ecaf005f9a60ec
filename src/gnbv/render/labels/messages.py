"""The rules of a plan, standard or mapping file (each said after its place in the file),
pydantic's own checks, warnings, and messages on stderr.

Each key: (Vietnamese, English); ``{name}`` is filled in by :func:`gnbv.render.labels.label`.
"""

INCOME_SCALE = (
    "thu nhập có vẻ được ghi theo nghìn đồng (hoặc triệu đồng), không theo đồng: ở "
    "{communes} xã, phường ({units}), quá nửa số hộ, cộng lại {households} hộ, có thu "
    "nhập dưới {floor} đồng/người/tháng. Hộ được xếp loại theo số đã ghi nên loại hộ "
    "và tỷ lệ nghèo có thể sai: ghi thu nhập theo đồng (1.500.000, không phải 1.500) "
    "rồi chạy lại",
    "incomes look typed in thousands (or millions) of đồng, not in đồng: in {communes} "
    "commune(s) ({units}) more than half of the households, {households} in all, have an "
    "income below {floor} đồng a person a month. Households are classified on the "
    "figures as written, so their classes and the poverty rates may be wrong: write "
    "incomes in đồng (1,500,000, not 1,500) and run again",
)
"""Incomes typed in thousands (core.analysis.check.income_scale_warnings), of either census."""
POOR_LIST = (
    "tệp rà soát có vẻ chỉ là danh sách hộ nghèo, hộ cận nghèo: {poor_or_near} trong "
    "{households} hộ ({percent}%) là hộ nghèo hoặc cận nghèo. Tỷ lệ chia cho mọi hộ dân cư "
    "của địa bàn (toàn bộ kết quả rà soát, không phải các danh sách), nên các tỷ lệ và chỉ "
    "tiêu về tỷ lệ không phải của địa bàn",
    "the census looks like a list of poor and near-poor households only: {poor_or_near} of "
    "its {households} households ({percent} %) are poor or near-poor. A rate divides by "
    "every household of the area (the whole review, not its lists), so the rates and the "
    "targets on them are not the area's",
)
"""A census of the poor and near-poor only (core.analysis.report_warnings.poor_list_warnings)."""

WORDS_MESSAGES: dict[str, tuple[str, str]] = {
    # a plan's, standard's or mapping's rules (each after its place in the file)
    "rule_district_name": ("phạm vi huyện cần có tên huyện", "a district scope needs a name"),
    "rule_scope_no_name": ("phạm vi {kind} không có tên", "a {kind} scope takes no name"),
    "rule_unknown_metric": (
        "không có chỉ số {metric!r}; các chỉ số: {known}",
        "unknown metric {metric!r}; known metrics: {known}",
    ),
    "rule_value_or_range": (
        "ghi đúng một trong hai: value hoặc range",
        "give exactly one of value or range",
    ),
    "rule_range_reversed": (
        "khoảng [{low}, {high}] bị ngược",
        "range [{low}, {high}] is reversed",
    ),
    "rule_range_op": ("khoảng so sánh bằng >= hoặc <=", "a range is compared with >= or <="),
    "rule_bound": (
        "{bound} nằm ngoài giá trị có thể của đơn vị {unit}",
        "{bound} is outside what a {unit} value can be",
    ),
    "rule_reduction_metric": (
        "{metric} không thể đặt chỉ tiêu giảm theo điểm %",
        "{metric} cannot be targeted as a reduction in points",
    ),
    "rule_reduction_op": (
        "chỉ tiêu giảm so sánh bằng >= hoặc > (ít nhất / trên)",
        "a reduction is compared with >= or > (at least / more than)",
    ),
    "rule_baseline_rate": (
        "baseline_rate chỉ dùng cho chỉ tiêu tỷ lệ nghèo",
        "baseline_rate is for poverty-rate targets",
    ),
    "rule_middle_upper": (
        "middle_upper phải cao hơn poverty_line",
        "middle_upper must be above poverty_line",
    ),
    "rule_years": ("to_year sớm hơn from_year", "to_year is before from_year"),
    "rule_income_lines": (
        "income_lines phải có đủ các khu vực; thiếu: {missing}",
        "income_lines needs every area; missing: {missing}",
    ),
    "rule_indicator_twice": (
        "hai chỉ số cùng ghi vào một cột",
        "two indicators record the same column",
    ),
    "rule_min_deprivations": (
        "poor_min_deprivations lớn hơn số chỉ số",
        "poor_min_deprivations is larger than the number of indicators",
    ),
    "rule_unknown_column": (
        "{header!r}: không có cột {column!r} trong dữ liệu rà soát",
        "{header!r}: unknown census column {column!r}",
    ),
    "rule_code_list": (
        "{column!r}: chỉ các cột khu vực, phân loại đầu kỳ, có/không, huyện và xã nhận bảng mã",
        "{column!r}: only area, status_prev, boolean, district and commune columns take a "
        "code list",
    ),
    "rule_code_value": (
        "{column!r}: {code!r} -> {value!r} không phải một trong {allowed}",
        "{column!r}: {code!r} -> {value!r} is not one of {allowed}",
    ),
    "rule_not_boolean": (
        "booleans.blank_means_false: {column!r} không phải cột có/không",
        "booleans.blank_means_false: {column!r} is not a boolean column",
    ),
    "rule_not_a_unit": (
        "{name!r} không có trong areas.districts",
        "{name!r} is not in areas.districts",
    ),
    "rule_unknown_standard": (
        "không có chuẩn nghèo {standard!r}; các chuẩn: {known}",
        "unknown standard {standard!r}; known: {known}",
    ),
    "rule_target_twice": (
        "mã chỉ tiêu {id!r} bị trùng (lần đầu ở targets[{first}])",
        "duplicate target id {id!r} (first at targets[{first}])",
    ),
    "rule_project_twice": ("mã dự án {code!r} bị trùng", "duplicate project code {code!r}"),
    "rule_subproject": (
        "tiểu dự án {sub} không thuộc dự án {project}",
        "sub-project {sub} is not under project {project}",
    ),
    "rule_subproject_count": (
        "kế hoạch nêu {stated} tiểu dự án của {project}, danh sách có {listed}",
        "the plan states {stated} sub-projects of {project}, {listed} are listed",
    ),
    "rule_work_count_carried_over": (
        "kế hoạch nêu {stated} công trình chuyển tiếp của {project}, danh sách có {listed}",
        "the plan states {stated} carried_over works of {project}, {listed} are listed",
    ),
    "rule_work_count_new": (
        "kế hoạch nêu {stated} công trình khởi công mới của {project}, danh sách có {listed}",
        "the plan states {stated} new works of {project}, {listed} are listed",
    ),
    "rule_budget_total": (
        "{name}: tổng nêu trong kế hoạch {stated} triệu đồng, cộng các phần được {computed} "
        "(chênh lệch {difference})",
        "{name}: stated total {stated} million VND, the parts add up to {computed} "
        "(difference {difference})",
    ),
    "rule_baseline_households": (
        "nêu {stated} hộ, hộ nghèo + cận nghèo cộng lại được {total}",
        "stated {stated} households, poor + near-poor add up to {total}",
    ),
    "rule_baseline_rate_sum": (
        "nêu {stated} %, tỷ lệ nghèo + cận nghèo cộng lại được {total} %",
        "stated {stated} %, poor + near-poor add up to {total} %",
    ),
    # pydantic's own checks of a file's keys and values
    "pydantic_extra_forbidden": (
        "khoá không được phép ở đây (gõ sai tên?)",
        "a key that is not allowed here (a typo?)",
    ),
    "pydantic_missing": ("thiếu khoá bắt buộc", "a required key is missing"),
    "pydantic_string_type": ("phải là chữ (văn bản)", "must be text"),
    "pydantic_int_type": ("phải là số nguyên", "must be a whole number"),
    "pydantic_int_parsing": ("phải là số nguyên", "must be a whole number"),
    "pydantic_int_from_float": ("phải là số nguyên", "must be a whole number"),
    "pydantic_float_type": ("phải là số", "must be a number"),
    "pydantic_float_parsing": ("phải là số", "must be a number"),
    "pydantic_bool_type": ("phải là true hoặc false", "must be true or false"),
    "pydantic_bool_parsing": ("phải là true hoặc false", "must be true or false"),
    "pydantic_list_type": ("phải là một danh sách", "must be a list"),
    "pydantic_dict_type": ("phải là một bảng khoá: giá trị", "must be a mapping"),
    "pydantic_model_type": ("phải là một bảng khoá: giá trị", "must be a mapping"),
    "pydantic_literal_error": ("phải là một trong: {expected}", "must be one of: {expected}"),
    "pydantic_enum": ("phải là một trong: {expected}", "must be one of: {expected}"),
    "pydantic_greater_than": ("phải lớn hơn {gt}", "must be greater than {gt}"),
    "pydantic_greater_than_equal": ("phải lớn hơn hoặc bằng {ge}", "must be at least {ge}"),
    "pydantic_less_than": ("phải nhỏ hơn {lt}", "must be less than {lt}"),
    "pydantic_less_than_equal": ("phải nhỏ hơn hoặc bằng {le}", "must be at most {le}"),
    "pydantic_date_parsing": ("phải là ngày (YYYY-MM-DD)", "must be a date (YYYY-MM-DD)"),
    "pydantic_date_type": ("phải là ngày (YYYY-MM-DD)", "must be a date (YYYY-MM-DD)"),
    "pydantic_date_from_datetime_parsing": (
        "phải là ngày (YYYY-MM-DD)",
        "must be a date (YYYY-MM-DD)",
    ),
    "pydantic_string_too_short": ("không được để trống", "must not be empty"),
    "pydantic_too_short": ("quá ít phần tử", "too few items"),
    "pydantic_too_long": ("quá nhiều phần tử", "too many items"),
    # warnings
    "warn_district_unmarked": (
        "huyện {written!r} trong tệp rà soát được đọc là huyện {printed!r} của kế hoạch (viết "
        "thiếu hoặc sai dấu)",
        "district {written!r} of the census is read as the plan's {printed!r} (its marks "
        "missing or wrong)",
    ),
    "warn_unknown_district": (
        "huyện {name!r} trong tệp rà soát không phải đơn vị của kế hoạch: các hộ của huyện "
        "được tính vào toàn tỉnh, không vào chỉ tiêu của huyện nào",
        "district {name!r} of the census is not a unit of the plan: its households count in "
        "the province, in no district's target",
    ),
    "warn_district_absent": (
        "chỉ tiêu {target}: tệp rà soát không có hộ nào của huyện {name!r}",
        "target {target}: no household of district {name!r} in the census",
    ),
    "warn_income_scale": INCOME_SCALE,
    "warn_income_scale_previous": (
        "tệp rà soát năm trước: " + INCOME_SCALE[0],
        "the previous census: " + INCOME_SCALE[1],
    ),
    "warn_poor_list": POOR_LIST,
    "warn_poor_list_previous": (
        "tệp rà soát năm trước: " + POOR_LIST[0],
        "the previous census: " + POOR_LIST[1],
    ),
    "warn_few_matched": (
        "chỉ {matched} trong {households} hộ của tệp rà soát có trong tệp năm trước "
        "({share}%): mã hộ ở hai tệp có được ghi giống nhau không (Excel bỏ số 0 ở đầu, "
        "mã khác)? Các hộ còn lại được tính là chuyển đến, chuyển đi, không phải thoát "
        "nghèo hay tái nghèo",
        "only {matched} of the census's {households} households are in the previous census "
        "({share} %): are the ids written the same way in both (leading zeros lost by "
        "Excel, another code)? The others count as arrived and departed, not as escaping or "
        "falling into poverty",
    ),
    "warn_few_matched_zeros": (
        "chỉ {matched} trong {households} hộ của tệp rà soát có trong tệp năm trước "
        "({share}%); bỏ các số 0 ở đầu mã hộ thì thêm {zeros} hộ khớp: một tệp đã mất các "
        "số 0 đó (Excel coi mã là số: định dạng cột mã hộ là Văn bản (Text) rồi xuất lại). "
        "Các hộ không khớp được tính là chuyển đến, chuyển đi, không phải thoát nghèo hay "
        "tái nghèo",
        "only {matched} of the census's {households} households are in the previous census "
        "({share} %); {zeros} more would match with the ids' leading zeros set aside: one "
        "file lost them (Excel takes such a code for a number: format the id column as Text "
        "and export it again). The households not matched count as arrived and departed, "
        "not as escaping or falling into poverty",
    ),
    "warn_history_blank_poor": (
        "{count} hộ trở thành hộ nghèo nhưng chưa rõ đã từng nghèo (cột {column} để trống): "
        "tính riêng, không vào tái nghèo hay phát sinh",
        "{count} households became poor with unknown history (column {column} blank): "
        "counted apart, neither as fell back (tái nghèo) nor as newly poor",
    ),
    "warn_history_absent_poor": (
        "{count} hộ trở thành hộ nghèo nhưng chưa rõ đã từng nghèo (tệp không có cột "
        "{column}): tính riêng, không vào tái nghèo hay phát sinh",
        "{count} households became poor with unknown history (column {column} absent): "
        "counted apart, neither as fell back (tái nghèo) nor as newly poor",
    ),
    "warn_history_blank_near_poor": (
        "{count} hộ trở thành hộ cận nghèo nhưng chưa rõ đã từng cận nghèo (cột {column} để "
        "trống): tính riêng, không vào tái cận nghèo hay phát sinh",
        "{count} households became near-poor with unknown history (column {column} blank): "
        "counted apart, neither as fell back (tái cận nghèo) nor as newly near-poor",
    ),
    "warn_history_absent_near_poor": (
        "{count} hộ trở thành hộ cận nghèo nhưng chưa rõ đã từng cận nghèo (tệp không có cột "
        "{column}): tính riêng, không vào tái cận nghèo hay phát sinh",
        "{count} households became near-poor with unknown history (column {column} absent): "
        "counted apart, neither as fell back (tái cận nghèo) nor as newly near-poor",
    ),
    "progress_rows": ("dòng", "rows"),
    "progress_speed": ("{value} dòng/giây", "{value} rows/s"),
    "check_budget_total": ("Tổng vốn của kế hoạch", "The plan's total"),
    "check_budget_source": ("Tổng của nguồn {name}", "Total of the {name}"),
    # messages on stderr
    "msg_warning": ("cảnh báo", "warning"),
    "msg_error": ("lỗi", "error"),
    # usage errors (gnbv.cli.usage): the parser's English, said in Vietnamese
    "usage_no_such_option": ("không có tùy chọn {option}", "no such option: {option}"),
    "usage_did_you_mean": ("(có phải: {options}?)", "(possible options: {options})"),
    "usage_no_such_command": ("không có lệnh '{command}'", "no such command '{command}'"),
    "usage_missing_argument": ("thiếu {name}", "missing argument {name}"),
    "usage_missing_option": ("thiếu tùy chọn {name}", "missing option {name}"),
    "usage_bad_value": (
        "giá trị không hợp lệ cho {name}: {detail}",
        "invalid value for {name}: {detail}",
    ),
    "usage_extra_argument": ("thừa đối số: {extra}", "unexpected extra argument ({extra})"),
    "usage_needs_value": (
        "tùy chọn '{option}' cần một giá trị",
        "option '{option}' requires a value",
    ),
    "usage_no_path": ("không có '{path}'", "'{path}' does not exist"),
    "usage_directory": ("'{path}' là thư mục, không phải tệp", "'{path}' is a directory"),
    "usage_not_an_integer": ("'{value}' không phải số nguyên", "'{value}' is not an integer"),
    "usage_not_a_number": ("'{value}' không phải số", "'{value}' is not a number"),
    "usage_an_integer_wanted": ("phải là số nguyên", "an integer is wanted"),
    "usage_a_number_wanted": ("phải là số", "a number is wanted"),
    "usage_not_one_of": (
        "'{value}' không phải một trong {choices}",
        "'{value}' is not one of {choices}",
    ),
    "usage_see_help": ("xem {command}", "see {command}"),
    "msg_hint": ("gợi ý", "hint"),
    "msg_interrupted": ("đã dừng", "interrupted"),
    "msg_internal_error": (
        "lỗi nội bộ: {name} (chạy lại với --debug để xem chi tiết, và báo cho người phát triển)",
        "internal error: {name} (run again with --debug for the traceback, and report it)",
    ),
    "msg_rejects_written": (
        "đã ghi {count} dòng bị loại vào {path}",
        "{count} rows set aside written to {path}",
    ),
    "msg_report_written": ("đã ghi báo cáo vào {path}", "report written to {path}"),
    "msg_workbook_written": ("đã ghi sổ tính Excel vào {path}", "workbook written to {path}"),
    "msg_households_written": (
        "đã ghi {count} hộ vào {path}",
        "{count} households written to {path}",
    ),
    "msg_rows_set_aside": (
        "{invalid} trên {rows} dòng bị loại ({percent}); xem các dòng đó với --rejects TỆP",
        "{invalid} of {rows} rows set aside ({percent}); see --rejects FILE for the rows",
    ),
    "msg_rows_set_aside_written": (
        "{invalid} trên {rows} dòng bị loại ({percent}); các dòng đó ở {path}",
        "{invalid} of {rows} rows set aside ({percent}); the rows are in {path}",
    ),
    "msg_progress_rows_set_aside": (
        "{invalid} trên {rows} dòng của sổ tiến độ bị loại ({percent}); các dòng đó có trong "
        "báo cáo (sheet, dòng, cột, lý do)",
        "{invalid} of {rows} rows of the progress workbook set aside ({percent}); the report "
        "lists them (sheet, row, column, reason)",
    ),
    "msg_gate_failed": (
        "không đạt ngưỡng chất lượng dữ liệu: hơn {limit} số dòng bị loại (--max-invalid) hoặc "
        "không có hộ hợp lệ nào; các tỷ lệ chưa đủ tin cậy để công bố",
        "data quality gate failed: more than {limit} of rows set aside (--max-invalid), or no "
        "valid household; rates are not fit to publish",
    ),
    "msg_classified": (
        "đã phân loại {count} hộ theo {standard} vào {path}; {invalid} dòng bị loại",
        "{count} households classified under {standard} into {path}; {invalid} rows set aside",
    ),
    "msg_synth_written": (
        "đã ghi {count} hộ giả lập (không có hộ thật) vào {path}",
        "{count} synthetic households written to {path}",
    ),
    "msg_synth_previous_written": (
        "đã ghi {count} hộ giả lập năm {year} vào {path}",
        "{count} synthetic households of {year} written to {path}",
    ),
    "msg_plan_ok": (
        "{path}: hợp lệ — {targets} chỉ tiêu, {projects} dự án, tổng vốn {total} triệu đồng "
        "khớp với các phần",
        "{path}: ok — {targets} targets, {projects} projects, budget {total} million VND "
        "reconciled",
    ),
    "targets_summary": (
        "Chỉ tiêu: {met} đạt, {not_met} không đạt, {no_data} không có dữ liệu",
        "Targets: {met} met, {not_met} not met, {no_data} no data",
    ),
}
