"""The words of the programme's progress (its file refused included) and of household lists.

Each key: (Vietnamese, English); ``{name}`` is filled in by :func:`gnbv.render.labels.label`.
"""

WORDS_PROGRESS: dict[str, tuple[str, str]] = {
    # the progress file refused (errors)
    "err_progress_not_xlsx": (
        "{path}: sổ tiến độ phải là sổ Excel (.xlsx, .xls) hoặc một thư mục các tệp CSV",
        "{path}: the progress file must be an Excel workbook (.xlsx, .xls) or a folder of CSV "
        "files",
    ),
    "err_progress_not_xlsx_hint": (
        "điền sổ do gnbv progress template tạo ra",
        "fill the workbook that gnbv progress template writes",
    ),
    "err_progress_no_header": (
        "{path}: sheet {sheet!r}: không thấy dòng tiêu đề trong {rows} dòng đầu",
        "{path}: sheet {sheet!r}: no header row found in its first {rows} rows",
    ),
    "err_progress_no_header_hint": (
        "các cột của sheet: {columns} (gnbv progress template ghi sẵn)",
        "the sheet's columns are: {columns} (gnbv progress template writes them)",
    ),
    "err_progress_missing_columns": (
        "{path}: sheet {sheet!r}: không có cột {columns}",
        "{path}: sheet {sheet!r}: no column {columns}",
    ),
    "err_progress_missing_columns_hint": (
        "thêm cột đó, hoặc đặt tiêu đề đó cho cột đang ghi số liệu ấy (các cột không nhận ra: "
        "{others})",
        "add it, or give the column that holds it this header (columns not recognised: {others})",
    ),
    "err_progress_no_report": (
        "{path}: không có sheet {sheet!r} (tỉnh, năm kế hoạch, ngày số liệu)",
        "{path}: no sheet {sheet!r} (the province, the plan year, the date of the figures)",
    ),
    "err_progress_no_report_hint": (
        "bắt đầu từ mẫu: gnbv progress template",
        "start from the template: gnbv progress template",
    ),
    "err_progress_province": (
        "trang báo cáo của sổ tiến độ ghi tỉnh {found}, kế hoạch là của tỉnh {wanted}",
        "the report sheet's province is {found}, the plan's is {wanted}",
    ),
    "err_progress_province_hint": (
        "sổ này của tỉnh khác: đưa kế hoạch của tỉnh đó",
        "this workbook is for another province: give the plan it belongs to",
    ),
    "err_progress_year": (
        "trang báo cáo của sổ tiến độ ghi năm kế hoạch {found}, kế hoạch là năm {wanted}",
        "the report sheet's plan_year is {found}, the plan's year is {wanted}",
    ),
    "err_progress_year_hint": (
        "sổ này của năm khác: đưa kế hoạch của năm đó (--year)",
        "this workbook is for another year: give the plan of its year (--year)",
    ),
    "err_progress_date": (
        "trang báo cáo của sổ tiến độ: Ngày số liệu không phải là ngày",
        "the report sheet's as_of (Ngày số liệu) is not a date",
    ),
    "err_progress_date_hint": (
        "ghi ngày của số liệu vào trang báo cáo, ví dụ 30/09/2024",
        "write the date of the figures in the report sheet, e.g. 30/09/2024",
    ),
    # the programme's progress
    "p_summary_title": ("Tiến độ thực hiện Chương trình năm {year}", "Programme progress {year}"),
    "p_as_of": ("Ngày số liệu", "Figures as of"),
    "p_unit": ("Đơn vị báo cáo", "Reporting unit"),
    "p_targets_title": ("Chỉ tiêu của Chương trình", "The programme's targets"),
    "p_by_funds_title": ("Giải ngân theo nguồn vốn năm", "Disbursement by year of funds"),
    "p_by_source_title": (
        "Giải ngân theo nguồn vốn và loại vốn",
        "Disbursement by source and capital type",
    ),
    "p_by_project_title": (
        "Giải ngân vốn năm kế hoạch theo dự án",
        "Disbursement of the plan year's funds by project",
    ),
    "p_by_unit_title": (
        "Giải ngân theo đơn vị sử dụng vốn (mọi nguồn vốn)",
        "Disbursement by the unit that uses the funds (all funds)",
    ),
    "p_reconciliation_title": (
        "Đối chiếu vốn giao năm kế hoạch với kế hoạch",
        "The plan year's allocation against the plan",
    ),
    "p_works_title": ("Công trình Dự án 1", "Works of Project 1"),
    "p_reports_title": (
        "Báo cáo kết quả phân bổ vốn của các huyện",
        "Districts' allocation reports",
    ),
    "p_funds": ("Nguồn vốn", "Funds"),
    "p_funds_plan_year": ("Vốn năm kế hoạch", "The plan year's funds"),
    "p_funds_carried_over": ("Vốn năm trước chuyển sang", "Carried over"),
    "p_funds_all": ("Tổng cộng", "All funds"),
    "p_funds_year": ("Năm vốn", "Funds of"),
    "p_capital": ("Loại vốn", "Capital type"),
    "p_source_central": ("Ngân sách trung ương", "Central budget"),
    "p_source_provincial": ("Ngân sách tỉnh", "Provincial budget"),
    "p_source_district": ("Ngân sách huyện", "District budget"),
    "p_project": ("Dự án", "Project"),
    "p_project_name": ("Tên", "Name"),
    "p_allocated": ("Vốn giao (triệu đồng)", "Allocated (million VND)"),
    "p_disbursed": ("Giải ngân (triệu đồng)", "Disbursed (million VND)"),
    "p_rate": ("Tỷ lệ giải ngân", "Rate disbursed"),
    "p_deadline": ("Hạn giải ngân", "Deadline"),
    "p_elapsed": ("Thời gian đã qua", "Time gone"),
    "p_per_month": ("Cần giải ngân mỗi tháng", "Needed a month"),
    "p_projected": ("Dự kiến đến hạn", "At the deadline at this pace"),
    "p_pace": ("Tiến độ", "Pace"),
    "pace_on_track": ("đúng tiến độ", "on track"),
    "pace_behind": ("chậm", "behind"),
    "p_incomplete": ("chưa đủ số liệu ({count} dòng trống)", "incomplete ({count} blank lines)"),
    "p_work": ("Công trình", "Work"),
    "p_work_kind": ("Loại", "Kind"),
    "p_state": ("Đánh giá", "Assessment"),
    "p_carried_over": ("chuyển tiếp từ 2023", "carried over"),
    "p_new": ("khởi công mới", "new"),
    "p_status_not_started": ("chưa khởi công", "not started"),
    "p_status_in_progress": ("đang thi công", "in progress"),
    "p_status_completed": ("hoàn thành", "completed"),
    "p_status_handed_over": ("đã nghiệm thu bàn giao", "handed over"),
    "p_work_done": ("đã hoàn thành", "done"),
    "p_work_done_late": ("hoàn thành trễ hạn", "done late"),
    "p_work_not_done": ("quá hạn, chưa hoàn thành", "past due, not done"),
    "p_work_in_time": ("chưa đến hạn", "not yet due"),
    "p_work_not_reported": ("không có trong báo cáo", "not reported"),
    "p_submitted_on": ("Ngày gửi", "Sent on"),
    "p_report_on_time": ("đúng hạn", "on time"),
    "p_report_late": ("trễ hạn", "late"),
    "p_report_missing": ("chưa gửi", "missing"),
    "p_sheet": ("Sheet", "Sheet"),
    "p_sheet_rows": ("{sheet}: {rows}", "{sheet}: {rows}"),
    "p_read_no_data": (
        "Dòng không có số liệu bỏ qua (ghi chú, chữ ký dưới bảng): {where}",
        "Rows without data skipped (notes, signatures under a table): {where}",
    ),
    # Why a row of the progress workbook is set aside (the reasons the census shares, such as
    # "missing_value", are said by the census's words).
    "p_reason_out_of_range": (
        "số âm, hoặc tỷ lệ hoàn thành trên 100%",
        "a negative amount, or completion above 100%",
    ),
    "p_reason_not_a_date": ("không phải ngày (ngày/tháng/năm)", "not a date (day/month/year)"),
    "p_reason_invalid_source": (
        "nguồn vốn không phải trung ương, tỉnh hoặc huyện",
        "the source is not central, provincial or district",
    ),
    "p_reason_invalid_capital_type": (
        "loại vốn không phải đầu tư phát triển hoặc sự nghiệp",
        "the capital type is not investment or recurrent",
    ),
    "p_reason_invalid_status": (
        "tình trạng không phải một trong các tình trạng của mẫu",
        "the status is not one of the template's",
    ),
    "p_reason_invalid_level": (
        "cấp không phải cấp tỉnh, cấp huyện hoặc cấp xã",
        "the level is not province, district or commune",
    ),
    "p_reason_disbursed_over_allocated": (
        "giải ngân lớn hơn vốn giao",
        "more disbursed than allocated",
    ),
    "p_reason_funds_year_after_plan": (
        "năm nguồn vốn sau năm kế hoạch",
        "the year of the funds is after the plan's year",
    ),
    "p_reason_unknown_project": (
        "mã dự án không có trong kế hoạch",
        "the project's code is not in the plan",
    ),
    "p_reason_date_outside_period": (
        "ngày ngoài thời gian của kế hoạch",
        "a date outside the plan's period",
    ),
    "p_reason_count_exceeds_total": (
        "số được tập huấn lớn hơn số cán bộ",
        "more officials trained than there are",
    ),
    "unit_million_vnd": ("triệu đồng", "million VND"),
    "unit_projects": ("dự án", "projects"),
    "unit_officials": ("cán bộ", "officials"),
    "form_p_targets_title": (
        "ĐÁNH GIÁ CÁC CHỈ TIÊU CỦA CHƯƠNG TRÌNH (GIẢI NGÂN, DỰ ÁN SINH KẾ, TẬP HUẤN)",
        "THE PROGRAMME'S TARGETS (DISBURSEMENT, LIVELIHOOD PROJECTS, TRAINING)",
    ),
    "form_p_sources_sheet": ("Giải ngân theo nguồn vốn", "Disbursement by source"),
    "form_p_sources_title": (
        "TIẾN ĐỘ GIẢI NGÂN THEO NGUỒN VỐN VÀ LOẠI VỐN",
        "DISBURSEMENT BY SOURCE AND CAPITAL TYPE",
    ),
    "form_p_projects_sheet": ("Giải ngân theo dự án", "Disbursement by project"),
    "form_p_projects_title": (
        "TIẾN ĐỘ GIẢI NGÂN VỐN NĂM KẾ HOẠCH THEO DỰ ÁN, TIỂU DỰ ÁN",
        "DISBURSEMENT OF THE PLAN YEAR'S FUNDS BY PROJECT",
    ),
    "form_p_works_title": ("TIẾN ĐỘ CÁC CÔNG TRÌNH DỰ ÁN 1", "WORKS OF PROJECT 1"),
    "form_p_reports_sheet": ("Báo cáo phân bổ vốn", "Allocation reports"),
    "form_p_completed_on": ("Ngày hoàn thành", "Completed on"),
    "form_p_note_set_aside": (
        "{invalid} trên {rows} dòng của sổ tiến độ bị loại, không tính vào các số trên: xem "
        "sheet {sheet}.",
        "{invalid} of {rows} rows of the progress workbook set aside, not counted above: see "
        "the sheet {sheet}.",
    ),
    "form_p_note_problems": (
        "{invalid} trên {rows} dòng của sổ tiến độ bị loại; số liệu ở các biểu khác không tính "
        "các dòng này.",
        "{invalid} of {rows} rows of the progress workbook set aside; the other forms do not "
        "count them.",
    ),
    "form_p_problems_title": (
        "DANH SÁCH DÒNG CỦA SỔ TIẾN ĐỘ BỊ LOẠI",
        "ROWS OF THE PROGRESS WORKBOOK SET ASIDE",
    ),
    "form_p_note": (
        "Số tiền: triệu đồng, lũy kế đến ngày {date}. Tiến độ: thời gian đã qua so với tỷ lệ "
        "giải ngân; dự kiến đến hạn: tỷ lệ đạt được nếu giữ tốc độ hiện nay.",
        "Amounts in million VND, cumulative to {date}. Pace: time gone against the share "
        "disbursed; at the deadline: the rate reached if the pace so far goes on.",
    ),
    "chart_title": (
        "Giải ngân vốn năm {year} so với tiến độ đều đến hạn",
        "Disbursement of the {year} funds against a steady pace to the deadline",
    ),
    "chart_sheet": ("Biểu đồ giải ngân", "Disbursement chart"),
    "chart_actual": ("Tỷ lệ đã giải ngân", "Share disbursed"),
    "chart_straight": ("Tiến độ đều đến hạn", "Steady pace to the deadline"),
    "form_p_livelihood_sheet": ("Dự án sinh kế", "Livelihood projects"),
    "form_p_livelihood_title": (
        "DỰ ÁN ĐA DẠNG HÓA SINH KẾ, MÔ HÌNH GIẢM NGHÈO, HỖ TRỢ PHÁT TRIỂN SẢN XUẤT",
        "LIVELIHOOD, MODEL AND PRODUCTION PROJECTS",
    ),
    "form_p_training_sheet": ("Tập huấn cán bộ", "Training"),
    "form_p_training_title": (
        "BỒI DƯỠNG, TẬP HUẤN CÁN BỘ LÀM CÔNG TÁC GIẢM NGHÈO",
        "TRAINING OF POVERTY-REDUCTION OFFICIALS",
    ),
    "p_level": ("Cấp", "Level"),
    "p_level_province": ("Cấp tỉnh", "Province"),
    "p_level_district": ("Cấp huyện", "District"),
    "p_level_commune": ("Cấp xã", "Commune"),
    "p_officials": ("Số cán bộ", "Officials"),
    "p_trained": ("Được tập huấn", "Trained"),
    "p_project_status_not_started": ("chưa triển khai", "not started"),
    "p_project_status_in_progress": ("đang thực hiện", "in progress"),
    "p_project_status_completed": ("hoàn thành", "completed"),
    "p_livelihood_title": ("Dự án sinh kế được phân bổ vốn", "Livelihood projects given funds"),
    "p_training_title": ("Tập huấn cán bộ làm công tác giảm nghèo", "Training of officials"),
    "h_targets_title": ("Chỉ tiêu qua các kỳ báo cáo", "Targets, report by report"),
    "h_plan_year": ("kế hoạch năm {year}", "the {year} plan"),
    "h_flows_title": (
        "Tỷ lệ giải ngân qua các kỳ báo cáo",
        "Rate disbursed, report by report",
    ),
    # household lists
    "list_sheet": ("Danh sách hộ", "Households"),
    "list_title": ("DANH SÁCH HỘ", "LIST OF HOUSEHOLDS"),
    "list_title_of": ("DANH SÁCH {classes}", "LIST OF HOUSEHOLDS: {classes}"),
    "list_only": ("Chỉ gồm các hộ: {what}.", "Only the households: {what}."),
    "list_only_escaped": ("thoát nghèo trong kỳ", "that escaped poverty in the period"),
    "list_only_newly-poor": (
        "nghèo phát sinh trong kỳ (từ cận nghèo, hoặc trở thành hộ nghèo)",
        "newly poor in the period (from near-poor, or became poor)",
    ),
    "list_only_stayed-poor": ("vẫn nghèo", "still poor"),
    "list_only_new": ("không có ở đầu kỳ", "not there at the start"),
    "list_only_deprived": ("thiếu hụt {indicator}", "deprived in {indicator}"),
    "list_title_nearest": (
        "DANH SÁCH HỘ NGHÈO GẦN THOÁT NGHÈO",
        "POOR HOUSEHOLDS NEAREST TO LEAVING POVERTY",
    ),
    "list_commune": ("Xã/phường/thị trấn", "Commune"),
    "list_class": ("Phân loại hiện nay", "Class now"),
    "list_class_start": ("Phân loại đầu kỳ", "Class at the start"),
    "list_transition": ("Diễn biến", "Change"),
    "list_income": ("Thu nhập BQ (đồng/người/tháng)", "Income (VND/person/month)"),
    "list_line": ("Chuẩn nghèo (đồng)", "Poverty line (VND)"),
    "list_income_to_line": ("Thu nhập so với chuẩn (%)", "Income to the line (%)"),
    "list_deprivations": ("Số chỉ số thiếu hụt", "Deprivations"),
    "form_deprived_in": ("Thiếu hụt (x)", "Deprived (x)"),
    "list_note": ("{count} hộ.", "{count} households."),
    "list_census_columns": ("Thông tin khác trong tệp rà soát", "Other columns of the census"),
    "list_census_column": ("{name} (trong tệp rà soát)", "{name} (in the census)"),
    "area_short_rural": ("Nông thôn", "Rural"),
    "area_short_urban": ("Thành thị", "Urban"),
    "class_poor": ("Hộ nghèo", "Poor"),
    "class_near_poor": ("Hộ cận nghèo", "Near-poor"),
    "class_middle": ("Hộ có mức sống trung bình", "Middle living standard"),
    "class_non_poor": ("Hộ không nghèo", "Non-poor"),
    "class_above": ("Trên chuẩn cận nghèo", "Above near-poor"),
    "class_absent": ("Không có trong kỳ", "Not in the review"),
    "list_deprivations_start": ("Số chỉ số thiếu hụt đầu kỳ", "Deprivations at the start"),
    "list_district_start": ("Huyện đầu kỳ", "District at the start"),
    "list_commune_start": ("Xã đầu kỳ", "Commune at the start"),
    "transition_new": ("Mới (không có ở đầu kỳ)", "New (not there at the start)"),
    "transition_stayed_poor": ("Vẫn nghèo", "Still poor"),
    "transition_escaped_to_near_poor": ("Thoát nghèo, thành cận nghèo", "Escaped, now near-poor"),
    "transition_escaped_above": ("Thoát nghèo, vượt chuẩn cận nghèo", "Escaped above near-poor"),
    "transition_near_poor_to_poor": ("Cận nghèo thành nghèo", "Near-poor became poor"),
    "transition_became_poor": ("Trở thành hộ nghèo", "Became poor"),
    "transition_stayed_near_poor": ("Vẫn cận nghèo", "Still near-poor"),
    "transition_escaped_near_poverty": ("Thoát cận nghèo", "Escaped near-poverty"),
    "transition_became_near_poor": ("Trở thành hộ cận nghèo", "Became near-poor"),
    "transition_stayed_above": ("Vẫn trên chuẩn cận nghèo", "Still above near-poor"),
}
