"""Every label gnbv shows a person, in Vietnamese (default) and English."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gnbv.render.numbers import Lang, fmt_int, fmt_num, fmt_pct

if TYPE_CHECKING:
    from gnbv.core.report import InputSummary
    from gnbv.core.targets import TargetResult

_LABELS: dict[str, tuple[str, str]] = {
    # plan show
    "plan_targets_title": ("Chỉ tiêu kế hoạch", "Plan targets"),
    "id": ("Mã", "ID"),
    "target_text": ("Chỉ tiêu", "Target"),
    "metric": ("Chỉ số", "Metric"),
    "scope": ("Phạm vi", "Scope"),
    "comparison": ("So sánh", "Comparison"),
    "baseline": ("Gốc", "Baseline"),
    "group_main": ("Chủ yếu", "Main"),
    "group_deprivation": ("Thiếu hụt", "Deprivation"),
    "group": ("Nhóm", "Group"),
    "scope_province": ("Toàn tỉnh", "Province"),
    "scope_dbkk_communes": ("Xã ĐBKK", "ĐBKK communes"),
    "scope_ethnic_minority": ("Hộ DTTS", "Ethnic-minority households"),
    "scope_district": ("Huyện", "District"),
    "reduction": ("giảm", "down"),
    "points": ("điểm %", "points"),
    "more_than": ("trên", "more than"),
    "at_least": ("ít nhất", "at least"),
    "not_stated": ("không nêu", "not stated"),
    "plan_valid": ("Kế hoạch hợp lệ", "Plan is valid"),
    # budget
    "budget_title": (
        "Nguồn vốn thực hiện năm {year} (triệu đồng)",
        "Funds for {year} (million VND)",
    ),
    "source": ("Nguồn vốn", "Source"),
    "investment": ("Đầu tư phát triển", "Investment"),
    "recurrent": ("Sự nghiệp", "Recurrent"),
    "total": ("Tổng", "Total"),
    "share": ("Tỷ trọng", "Share"),
    "stated": ("Kế hoạch nêu", "Stated"),
    "computed": ("Cộng các phần", "Sum of parts"),
    "difference": ("Chênh lệch", "Difference"),
    "reconciliation_title": ("Đối chiếu tổng số", "Reconciliation of totals"),
    "check": ("Kiểm tra", "Check"),
    "ok": ("Khớp", "OK"),
    "mismatch": ("KHÔNG KHỚP", "MISMATCH"),
    "budget_total_row": ("Tổng cộng", "Total"),
    "decision": ("Căn cứ", "Source"),
    # how a file was read (the reader's decisions)
    "read_header_row": (
        "Dòng tiêu đề cột: dòng {rows} (các dòng phía trên được bỏ qua)",
        "Column headers: row {rows} (the rows above are skipped)",
    ),
    "read_column_numbers_row": (
        "Dòng đánh số cột (1) (2)… ở dòng {row}: bỏ qua",
        "Row of column numbers (1) (2)… on row {row}: skipped",
    ),
    "read_thousands_separator": (
        "Cột “{column}”: dấu “{separator}” phân cách hàng nghìn (950{separator}000 là 950 nghìn)",
        "Column “{column}”: “{separator}” separates thousands (950{separator}000 = 950,000)",
    ),
    "read_ticks": (
        "{count} cột đánh dấu (x, ✓ = có; ô trống = không): {columns}",
        "{count} ticked columns (x, ✓ = yes; blank = no): {columns}",
    ),
    "read_totals_rows": (
        "Dòng tổng cộng bỏ qua (không phải hộ): dòng {rows}",
        "Totals rows skipped (not households): row {rows}",
    ),
    # check
    "summary_title": ("Tổng hợp", "Summary"),
    "file": ("Tệp dữ liệu", "File"),
    "rows_read": ("Số dòng đọc được", "Rows read"),
    "rows_used": ("Số dòng sử dụng", "Rows used"),
    "rows_set_aside": ("Số dòng bị loại", "Rows set aside"),
    "quality_gate": ("Ngưỡng chất lượng dữ liệu", "Data quality gate"),
    "gate_passed": ("đạt (≤ {limit})", "passed (≤ {limit})"),
    "gate_failed": ("KHÔNG ĐẠT (> {limit})", "FAILED (> {limit})"),
    "households": ("Số hộ", "Households"),
    "poor": ("Hộ nghèo", "Poor"),
    "near_poor": ("Hộ cận nghèo", "Near-poor"),
    "middle": ("Hộ có mức sống trung bình", "Middle living standard"),
    "non_poor": ("Hộ không nghèo", "Non-poor"),
    "poverty_rate": ("Tỷ lệ hộ nghèo", "Poverty rate"),
    "near_poverty_rate": ("Tỷ lệ hộ cận nghèo", "Near-poverty rate"),
    "poor_and_near_poor_rate": ("Tỷ lệ hộ nghèo và cận nghèo", "Poor and near-poor rate"),
    "standard": ("Chuẩn nghèo", "Poverty standard"),
    "item": ("Nội dung", "Item"),
    "value": ("Giá trị", "Value"),
    "rate": ("Tỷ lệ", "Rate"),
    "problems_title": ("Dữ liệu bị loại theo lý do", "Rows set aside by reason"),
    "reason": ("Lý do", "Reason"),
    "rows": ("Số dòng", "Rows"),
    "targets_title": ("So sánh với chỉ tiêu kế hoạch {year}", "Gap to the {year} plan targets"),
    "target": ("Mục tiêu", "Goal"),
    "actual": ("Thực hiện", "Actual"),
    "gap": ("Chênh lệch (điểm %)", "Gap (points)"),
    "gap_count": ("Số cần thêm", "Still needed"),
    "gap_and_count": ("Chênh lệch (điểm %; số cần thêm)", "Gap (points; still needed)"),
    "status": ("Trạng thái", "Status"),
    "status_met": ("đạt", "met"),
    "status_not_met": ("không đạt", "not met"),
    "status_no_data": ("không có dữ liệu", "no data"),
    "unreachable": ("không thể đạt", "cannot be met"),
    "unreachable_why": (
        "không thể đạt trong phạm vi này: cần tỷ lệ dưới 0% hoặc trên 100%",
        "cannot be met in this scope: it needs a rate below 0 % or above 100 %",
    ),
    "note": ("Ghi chú", "Note"),
    "short_by": ("thiếu {value}", "short {value}"),
    "ahead_by": ("vượt {value}", "ahead {value}"),
    "down": ("giảm {value}", "down {value}"),
    "src_plan": ("kế hoạch", "plan"),
    "src_baseline_census": ("điều tra gốc", "baseline census"),
    "src_status_prev": ("đầu kỳ", "status_prev"),
    "unit_households": ("hộ", "households"),
    "unit_persons": ("người", "persons"),
    "unit_children": ("trẻ", "children"),
    "unit_workers": ("lao động", "workers"),
    "districts_title": ("Theo huyện, thành phố", "By district"),
    "district": ("Huyện/thành phố", "District"),
    "groups_title": ("Theo nhóm", "By group"),
    "group_ethnic_minority": ("Hộ dân tộc thiểu số", "Ethnic-minority households"),
    "group_dbkk_communes": ("Các xã ĐBKK", "ĐBKK communes"),
    "group_poor_district": ("Huyện nghèo {name}", "Poor district {name}"),
    "baseline_source": ("Nguồn số gốc", "Baseline source"),
    "no_data_reason": ("Lý do không có dữ liệu", "Why no data"),
    "sheet_targets": ("Chỉ tiêu", "Targets"),
    "sheet_summary": ("Tổng hợp rà soát", "Review summary"),
    "sheet_districts": ("Theo huyện", "Districts"),
    "sheet_problems": ("Dữ liệu lỗi", "Data problems"),
    "row": ("Dòng", "Row"),
    "column": ("Cột", "Column"),
    "unit": ("Đơn vị", "Unit"),
    "area": ("Khu vực", "Area"),
    "area_urban": ("Khu vực thành thị", "Urban"),
    "area_rural": ("Khu vực nông thôn", "Rural"),
    "of_which_em": ("trong đó DTTS", "of which ethnic minority"),
    "transitions_poor_title": (
        "Diễn biến hộ nghèo ({source})",
        "Poor households: changes ({source})",
    ),
    "transitions_near_title": (
        "Diễn biến hộ cận nghèo ({source})",
        "Near-poor households: changes ({source})",
    ),
    "source_baseline_census": ("so với điều tra năm trước", "against last year's census"),
    "source_status_prev": ("theo phân loại đầu kỳ", "from status_prev"),
    "t_start": ("Đầu kỳ", "Start"),
    "t_escaped": ("Thoát", "Escaped"),
    "t_escaped_near": ("Thoát → cận nghèo", "Escaped → near-poor"),
    "t_escaped_above": ("Thoát → vượt cận nghèo", "Escaped above near-poor"),
    "t_to_poor": ("Cận nghèo → nghèo", "Near-poor → poor"),
    "t_from_poor": ("Nghèo → cận nghèo", "Poor → near-poor"),
    "t_fell_back": ("Tái", "Fell back"),
    "t_new": ("Phát sinh", "New"),
    "t_history_unknown": ("Chưa rõ tái/phát sinh", "History unknown"),
    "t_left": ("Giảm khác", "Left"),
    "t_arrived": ("Tăng khác", "Arrived"),
    "t_end": ("Cuối kỳ", "End"),
    "t_rate": ("Tỷ lệ cuối kỳ", "End rate"),
    "nodata_outside_census": (
        "đo ngoài số liệu rà soát ({detail})",
        "measured outside the census ({detail})",
    ),
    "nodata_column_absent": ("tệp không có cột {detail}", "column {detail} absent"),
    "nodata_scope_unknown": (
        "không xác định được phạm vi: thiếu cột {detail}",
        "scope unknown: column {detail} absent",
    ),
    "nodata_nobody": (
        "không có hộ, người thuộc diện tính trong phạm vi",
        "nobody to count in this scope",
    ),
    "nodata_no_baseline": (
        "không có số gốc: kế hoạch không nêu, không có điều tra năm trước hay cột status_prev",
        "no baseline: none in the plan, no previous census, no status_prev",
    ),
    "source_disbursement_records": ("số liệu giải ngân", "disbursement records"),
    "source_project_register": ("danh mục dự án", "project register"),
    "source_training_register": ("số liệu tập huấn", "training register"),
    # the review's forms (workbooks to print and sign)
    "form_issuer": ("SỞ LAO ĐỘNG - TB&XH TỈNH {province}", "{province} PROVINCE"),
    "form_republic": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "form_motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "form_subtitle": (
        "Đơn vị: {unit} — tỉnh {province} — năm {year} — lập ngày {date}",
        "Unit: {unit} — {province} province — {year} — made on {date}",
    ),
    "form_sign_place_date": (
        "{place}, ngày {day} tháng {month} năm {year}",
        "{place}, {day}/{month}/{year}",
    ),
    "form_sign_maker": ("NGƯỜI LẬP BIỂU", "PREPARED BY"),
    "form_sign_maker_note": ("(Ký, ghi rõ họ tên)", "(signature and full name)"),
    "form_sign_head": ("THỦ TRƯỞNG ĐƠN VỊ", "HEAD OF THE UNIT"),
    "form_sign_head_note": ("(Ký, đóng dấu, ghi rõ họ tên)", "(signature, seal and full name)"),
    "form_stt": ("STT", "No."),
    "form_year": ("NĂM {year}", "{year}"),
    "form_target_text": ("Chỉ tiêu kế hoạch", "Plan target"),
    "form_reached": ("Kết quả thực hiện", "Result"),
    "form_gap": ("Chênh lệch so với mục tiêu", "Gap to the target"),
    "form_rate_before": ("Tỷ lệ đầu kỳ (%)", "Rate at the start (%)"),
    "form_rate_after": ("Thực hiện cuối kỳ", "Reached at the end"),
    "form_reduction_reached": ("Mức giảm đạt được (điểm %)", "Reduction reached (points)"),
    "form_gap_points": ("Còn thiếu (điểm %; âm: vượt)", "Short by (points; negative: ahead)"),
    "form_count_unit": ("Đơn vị tính", "Counted in"),
    "form_assessment": ("Đánh giá", "Assessment"),
    "form_status_met": ("Đạt", "Met"),
    "form_status_not_met": ("Không đạt", "Not met"),
    "form_status_no_data": ("Không có dữ liệu", "No data"),
    "form_targets_title": (
        "ĐÁNH GIÁ THỰC HIỆN CÁC CHỈ TIÊU GIẢM NGHÈO",
        "ASSESSMENT OF THE POVERTY REDUCTION TARGETS",
    ),
    "form_summary_sheet": ("Biểu 1 - Kết quả rà soát", "Form 1 - Review results"),
    "form_summary_title": (
        "TỔNG HỢP KẾT QUẢ CHÍNH THỨC RÀ SOÁT HỘ NGHÈO; HỘ CẬN NGHÈO; HỘ LÀM NÔNG, LÂM, NGƯ "
        "NGHIỆP CÓ MỨC SỐNG TRUNG BÌNH",
        "OFFICIAL RESULTS OF THE REVIEW OF POOR, NEAR-POOR AND MIDDLE-LIVING-STANDARD "
        "AGRICULTURAL HOUSEHOLDS",
    ),
    "form_all_households": ("Tổng số hộ dân cư", "All households"),
    "form_all_persons": ("Tổng số nhân khẩu", "All persons"),
    "form_households": ("Số hộ", "Households"),
    "form_persons": ("Số nhân khẩu", "Persons"),
    "form_rate": ("Tỷ lệ (%)", "Rate (%)"),
    "form_middle_agri": (
        "Hộ làm nông, lâm, ngư nghiệp có mức sống trung bình",
        "Agricultural households of middle living standard",
    ),
    "form_note_middle_agri": (
        "Hộ làm nông, lâm, ngư nghiệp có mức sống trung bình: không có dữ liệu (tệp rà soát "
        "không có cột cho biết hộ làm nông, lâm, ngư nghiệp).",
        "Agricultural households of middle living standard: no data (the census has no column "
        "saying which households live from agriculture, forestry or fishery).",
    ),
    "form_start": ("Đầu kỳ", "At the start"),
    "form_decrease": ("Giảm trong kỳ", "Decreases"),
    "form_increase": ("Tăng trong kỳ", "Increases"),
    "form_end": ("Cuối kỳ", "At the end"),
    "form_of_which_em": ("Trong đó DTTS", "Of which ethnic minority"),
    "flow_poor_escaped_to_near_poor": ("Thoát nghèo, thành hộ cận nghèo", "Escaped, now near-poor"),
    "flow_poor_escaped_above": ("Thoát nghèo, vượt chuẩn cận nghèo", "Escaped above near-poor"),
    "flow_poor_left": ("Giảm khác (chuyển đi, ...)", "Other decreases (moved out, ...)"),
    "flow_poor_from_near_poor": ("Hộ cận nghèo thành hộ nghèo", "Near-poor became poor"),
    "flow_poor_fell_back": ("Tái nghèo", "Fell back"),
    "flow_poor_new": ("Phát sinh mới", "Newly poor"),
    "flow_poor_history_unknown": (
        "Thành hộ nghèo, chưa rõ đã từng nghèo",
        "Became poor, history unknown",
    ),
    "flow_poor_arrived": (
        "Tăng khác (chuyển đến, tách hộ, ...)",
        "Other increases (moved in, ...)",
    ),
    "flow_near_poor_to_poor": ("Thành hộ nghèo", "Became poor"),
    "flow_near_poor_escaped": ("Vượt chuẩn cận nghèo", "Rose above near-poor"),
    "flow_near_poor_left": ("Giảm khác (chuyển đi, ...)", "Other decreases (moved out, ...)"),
    "flow_near_poor_from_poor": ("Hộ nghèo thành hộ cận nghèo", "Poor became near-poor"),
    "flow_near_poor_fell_back": ("Tái cận nghèo", "Fell back to near-poor"),
    "flow_near_poor_new": ("Phát sinh mới", "Newly near-poor"),
    "flow_near_poor_history_unknown": (
        "Thành hộ cận nghèo, chưa rõ đã từng cận nghèo",
        "Became near-poor, history unknown",
    ),
    "flow_near_poor_arrived": (
        "Tăng khác (chuyển đến, tách hộ, ...)",
        "Other increases (moved in, ...)",
    ),
    "form_transitions_poor_sheet": ("Biểu 2 - Diễn biến hộ nghèo", "Form 2 - Poor households"),
    "form_transitions_near_sheet": ("Biểu 3 - Diễn biến cận nghèo", "Form 3 - Near-poor"),
    "form_transitions_poor_title": ("TỔNG HỢP DIỄN BIẾN HỘ NGHÈO", "CHANGES IN POOR HOUSEHOLDS"),
    "form_transitions_near_title": (
        "TỔNG HỢP DIỄN BIẾN HỘ CẬN NGHÈO",
        "CHANGES IN NEAR-POOR HOUSEHOLDS",
    ),
    "form_note_transitions": (
        "Số hộ; đầu kỳ {source}. Cuối kỳ = đầu kỳ − giảm + tăng. Nhân khẩu: không có dữ liệu "
        "(tệp rà soát năm trước không được ghép theo nhân khẩu).",
        "Households; start of the period {source}. End = start − decreases + increases. "
        "Persons: no data.",
    ),
    "form_breakdown": ("Phân tổ", "Breakdown"),
    "form_deprivations_total": ("Tổng số thiếu hụt", "Deprivations in all"),
    "form_indicators": (
        "Trong đó thiếu hụt các chỉ số dịch vụ xã hội cơ bản",
        "Of which deprived in the basic social service indicators",
    ),
    "form_deprivations_poor_sheet": ("Biểu 4-5 - Thiếu hụt hộ nghèo", "Forms 4-5 - Poor"),
    "form_deprivations_poor_title": (
        "PHÂN TÍCH CÁC CHỈ SỐ THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN CỦA HỘ NGHÈO",
        "BASIC SOCIAL SERVICE DEPRIVATIONS OF POOR HOUSEHOLDS",
    ),
    "form_deprivations_near_sheet": ("Biểu 6-7 - Thiếu hụt cận nghèo", "Forms 6-7 - Near-poor"),
    "form_deprivations_near_title": (
        "PHÂN TÍCH CÁC CHỈ SỐ THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN CỦA HỘ CẬN NGHÈO",
        "BASIC SOCIAL SERVICE DEPRIVATIONS OF NEAR-POOR HOUSEHOLDS",
    ),
    "form_groups_sheet": ("Biểu 8 - Nhóm đối tượng", "Form 8 - Groups"),
    "form_groups_title": (
        "PHÂN TÍCH HỘ NGHÈO, HỘ CẬN NGHÈO THEO CÁC NHÓM ĐỐI TƯỢNG",
        "POOR AND NEAR-POOR HOUSEHOLDS BY GROUP",
    ),
    "form_profile_poor_sheet": ("Biểu 12 - Hộ nghèo", "Form 12 - Poor"),
    "form_profile_poor_title": (
        "TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO THEO CHUẨN NGHÈO ĐA CHIỀU",
        "REVIEW OF POOR HOUSEHOLDS UNDER THE MULTIDIMENSIONAL STANDARD",
    ),
    "form_profile_near_sheet": ("Biểu 13 - Hộ cận nghèo", "Form 13 - Near-poor"),
    "form_profile_near_title": (
        "TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ CẬN NGHÈO THEO CHUẨN NGHÈO ĐA CHIỀU",
        "REVIEW OF NEAR-POOR HOUSEHOLDS UNDER THE MULTIDIMENSIONAL STANDARD",
    ),
    "form_ethnicity_sheet": ("Biểu 9 - Theo dân tộc", "Form 9 - By ethnicity"),
    "form_ethnicity_title": (
        "PHÂN TÍCH HỘ NGHÈO, HỘ CẬN NGHÈO THEO DÂN TỘC",
        "POOR AND NEAR-POOR HOUSEHOLDS BY ETHNICITY",
    ),
    "form_by_ethnic_group": ("Theo từng dân tộc", "By ethnic group"),
    "form_note_ethnicity": (
        "Dân tộc Kinh: hộ không thuộc dân tộc thiểu số. Tệp rà soát chỉ ghi hộ có thuộc dân tộc "
        'thiểu số hay không, không ghi tên dân tộc: cột theo từng dân tộc là "không có dữ liệu".',
        "Kinh: households not of an ethnic minority. The census says whether a household is of "
        'an ethnic minority, not which: the column by ethnic group is "no data".',
    ),
    "form_kinh": ("Dân tộc Kinh", "Kinh"),
    "form_group_em_short": ("Dân tộc thiểu số", "Ethnic minority"),
    "form_local_em": ("Dân tộc thiểu số tại chỗ", "Local ethnic minority"),
    "form_woman_head": ("Chủ hộ là nữ", "Woman head of household"),
    "form_note_profile": (
        "Dân tộc Kinh: hộ không thuộc dân tộc thiểu số (cột dân tộc thiểu số ghi không); hộ để "
        "trống cột đó không ở cột nào. Không có khả năng lao động: không ai trong hộ có khả năng "
        'lao động. "Không có dữ liệu": tệp rà soát không có cột đó (dân tộc tại chỗ, giới tính '
        "chủ hộ).",
        "Kinh: households not of an ethnic minority (the ethnic-minority column says no); a "
        "household left blank there is in neither. No labour capacity: no member able to work. "
        '"No data": the census has no such column (local ethnic minority, head\'s sex).',
    ),
    "form_class": ("Phân loại", "Class"),
    "form_total": ("Tổng số", "Total"),
    "form_of_which": ("Trong đó", "Of which"),
    "form_group_em": ("Hộ dân tộc thiểu số", "Ethnic-minority households"),
    "form_group_merit": ("Hộ có người có công", "With a person of merit"),
    "form_group_no_labour": ("Hộ không có khả năng lao động", "With no labour capacity"),
    "form_note_groups": (
        'Một hộ có thể thuộc nhiều nhóm. "Không có dữ liệu": tệp rà soát không có cột đó.',
        'A household may be in several groups. "No data": the census has no such column.',
    ),
    "form_household_id": ("Mã hộ", "Household id"),
    "form_problems_title": ("DANH SÁCH DÒNG DỮ LIỆU BỊ LOẠI", "ROWS SET ASIDE"),
    "form_note_problems": (
        "{invalid} trên {rows} dòng bị loại; liệt kê {shown} trên {total} lỗi.",
        "{invalid} of {rows} rows set aside; {shown} of {total} problems listed.",
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
    "h_flows_title": (
        "Tỷ lệ giải ngân qua các kỳ báo cáo",
        "Rate disbursed, report by report",
    ),
    # household lists
    "list_sheet": ("Danh sách hộ", "Households"),
    "list_title": ("DANH SÁCH HỘ", "LIST OF HOUSEHOLDS"),
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
    # reasons a row is set aside
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
    # errors that stop a run (their English text is in the JSON error document)
    "err_did_you_mean": (
        "cột {found!r} có phải là {wanted!r}?",
        "did you mean {wanted!r} for the column {found!r}?",
    ),
    "err_bad_xlsx": (
        "{path}: không đọc được sổ Excel .xlsx này",
        "{path}: not a readable .xlsx workbook",
    ),
    "err_bad_xlsx_hint": (
        "mở bằng Excel rồi lưu lại dạng .xlsx",
        "save it again from Excel as .xlsx",
    ),
    "err_no_sheet": (
        "{path}: không có sheet {sheet!r}; các sheet: {sheets}",
        "{path}: no sheet {sheet!r}; sheets: {sheets}",
    ),
    "err_empty_sheet": ("{path}: sheet {sheet!r} trống", "{path}: the sheet {sheet!r} is empty"),
    "err_empty_sheet_hint": (
        "dòng đầu tiên phải là dòng tiêu đề",
        "the first row must be the header",
    ),
    "err_progress_no_header": (
        "{path}: sheet {sheet!r}: không thấy dòng tiêu đề trong {rows} dòng đầu",
        "{path}: sheet {sheet!r}: no header row found in its first {rows} rows",
    ),
    "err_progress_no_report": (
        "{path}: không có sheet {sheet!r} (tỉnh, năm kế hoạch, ngày số liệu)",
        "{path}: no sheet {sheet!r} (the province, the plan year, the date of the figures)",
    ),
    "err_progress_no_report_hint": (
        "bắt đầu từ mẫu: gnbv progress template",
        "start from the template: gnbv progress template",
    ),
    "err_no_file": ("{path}: không tìm thấy tệp", "{path}: no such file"),
    "err_no_file_hint": ("kiểm tra lại đường dẫn", "check the path"),
    "err_directory": ("{path}: là thư mục, không phải tệp", "{path}: is a directory"),
    "err_missing_columns": (
        "{path}: thiếu cột bắt buộc: {columns}",
        "{path}: missing required columns: {columns}",
    ),
    "err_missing_columns_hint": (
        "thêm các cột đó, đổi tên tiêu đề (README liệt kê các tên được chấp nhận), hoặc ánh xạ "
        "tiêu đề của đơn vị bằng --columns",
        "add them, rename the headers (the README lists the accepted names), or map them "
        "with --columns",
    ),
    "err_zip": (
        "{path}: đây là tệp nén zip (sổ Excel .xlsx?), không phải CSV",
        "{path}: this is a zip file (an .xlsx workbook?), not a CSV file",
    ),
    "err_zip_hint": (
        "đặt lại đuôi .xlsx cho sổ Excel, hoặc xuất ra CSV",
        "give an .xlsx workbook its .xlsx name, or export CSV",
    ),
    "err_nul": (
        "{path}: không phải tệp văn bản: byte NUL ở vị trí {offset}",
        "{path}: not a text file: NUL byte at byte offset {offset}",
    ),
    "err_nul_hint": (
        "xuất dữ liệu rà soát ra CSV (hoặc dùng chính sổ Excel .xlsx)",
        "export the census as CSV (or give the .xlsx workbook itself)",
    ),
    "err_not_utf8": (
        "{path}: không phải UTF-8: byte {byte} ở vị trí {offset} không đọc được",
        "{path}: not UTF-8: byte {byte} at byte offset {offset} cannot be decoded",
    ),
    "err_not_utf8_hint": (
        "lưu tệp dạng CSV UTF-8, hoặc ghi rõ bảng mã với --encoding (utf-16, cp1258)",
        "save the file as CSV UTF-8, or give its encoding with --encoding (utf-16, cp1258)",
    ),
    "err_empty": ("{path}: tệp rỗng", "{path}: the file is empty"),
    "err_empty_hint": ("dòng đầu tiên phải là dòng tiêu đề", "the first line must be the header"),
    "err_header_only": (
        "{path}: tệp có dòng tiêu đề nhưng không có dòng dữ liệu nào",
        "{path}: the file has a header but no data rows",
    ),
    "err_header_only_hint": (
        "xuất cả các hộ, không chỉ dòng tiêu đề",
        "export the households, not only the header",
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
    "err_xlsx_needs_output": (
        "--format xlsx ghi ra sổ Excel: cần --output TỆP.xlsx",
        "--format xlsx writes a workbook: give --output FILE.xlsx",
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
    "err_bad_sheet": (
        "{path}: không đọc được sheet {sheet!r}",
        "{path}: the sheet {sheet!r} cannot be read",
    ),
    "err_bad_sheet_hint": (
        "mở bằng Excel và lưu lại dạng .xlsx",
        "open it in Excel and save it again as .xlsx",
    ),
    "err_sheet_not_xlsx": (
        "{path}: --sheet chỉ dùng cho sổ Excel .xlsx",
        "{path}: --sheet is for .xlsx workbooks",
    ),
    "err_column_twice": (
        "{path}: cột {first!r} và cột {second!r} (cột {number}) cùng có nghĩa là {column}",
        "{path}: columns {first!r} and {second!r} (column {number}) both mean {column}",
    ),
    "err_column_twice_hint": (
        "giữ một cột, hoặc ánh xạ cột kia sang tên khác bằng --columns",
        "keep one of them, or map one elsewhere with --columns",
    ),
    "err_bad_parquet": (
        "{path}: không đọc được tệp Parquet",
        "{path}: not a readable Parquet file",
    ),
    "err_bad_parquet_hint": ("ghi lại tệp, hoặc xuất ra CSV", "write it again, or export CSV"),
    "err_bad_csv": (
        "{path}: không đọc được dạng CSV: {reason}",
        "{path}: cannot be read as CSV: {reason}",
    ),
    "err_bad_csv_hint": (
        "kiểm tra tệp là bản xuất CSV của dữ liệu rà soát",
        "check the file is a CSV export of the census",
    ),
    "err_unknown_encoding": (
        "không biết bảng mã --encoding {encoding!r}",
        "unknown --encoding {encoding!r}",
    ),
    "err_unknown_encoding_hint": ("dùng utf-8, utf-16 hoặc cp1258", "use utf-8, utf-16 or cp1258"),
    "err_cannot_decode": (
        "{path}: không giải mã được theo {encoding}: byte {byte} ở vị trí {offset}",
        "{path}: cannot be decoded as {encoding}: byte {byte} at byte offset {offset}",
    ),
    "err_cannot_decode_hint": (
        "ghi đúng bảng mã của tệp với --encoding (utf-8, utf-16, cp1258)",
        "give the file's encoding with --encoding (utf-8, utf-16, cp1258)",
    ),
    "err_bad_header": (
        "{path}: không đọc được dòng tiêu đề dạng CSV ({reason})",
        "{path}: the header cannot be read as CSV ({reason})",
    ),
    "err_bad_header_hint": (
        "dòng tiêu đề phải là tên các cột",
        "the header must be the column names",
    ),
    "err_nul_utf16": (
        "{path}: không phải tệp văn bản: có ký tự NUL trong văn bản UTF-16",
        "{path}: not a text file: NUL character in UTF-16 text",
    ),
    "err_delimiter": (
        "--delimiter phải là một ký tự, không phải {delimiter!r}",
        "--delimiter must be one character, not {delimiter!r}",
    ),
    "err_bad_gzip": ("{path}: không giải nén được tệp gzip", "{path}: not a readable gzip file"),
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
    "msg_gate_failed": (
        "không đạt ngưỡng chất lượng dữ liệu: hơn {limit} số dòng bị loại (--max-invalid) hoặc "
        "không có hộ hợp lệ nào; các tỷ lệ chưa đủ tin cậy để công bố",
        "data quality gate failed: more than {limit} of rows set aside (--max-invalid), or no "
        "valid household; rates are not fit to publish",
    ),
    "msg_classified": (
        "đã phân loại {count} hộ theo chuẩn {standard} vào {path}; {invalid} dòng bị loại",
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


def has_label(key: str) -> bool:
    return key in _LABELS


def label(key: str, lang: Lang, **values: object) -> str:
    vi, en = _LABELS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text


def no_data_text(result: TargetResult, lang: Lang) -> str:
    """Why a target has no data, in the reader's language."""
    code, detail = result.no_data_code, result.no_data_detail or ""
    if code is None:
        return result.no_data_reason or ""
    if code == "outside_census":
        detail = label(f"source_{detail}", lang)
    return label(f"nodata_{code}", lang, detail=detail)


def target_value_text(result: TargetResult, lang: Lang) -> str:
    """What a target asks, as the tables and forms show it: "≤ 1,80%", "giảm ≥ 5,00"."""
    target = result.target
    if target.measure == "reduction_points":
        op = "≥" if target.op == ">=" else ">"
        return f"{label('reduction', lang)} {op} {fmt_num(float(result.threshold), lang)}"
    op = {"<=": "≤", ">=": "≥", "==": "=", "<": "<", ">": ">"}[target.op]
    if target.spec.unit == "households":
        return f"{op} {fmt_int(int(result.threshold), lang)}"
    return f"{op} {fmt_pct(float(result.threshold), lang)}"


def column_label(name: str, lang: Lang) -> str:
    """A census column as its users know it: the Vietnamese header (and the canonical name
    in English)."""
    from gnbv.core.contract import COLUMN_SPECS

    spec = COLUMN_SPECS.get(name)
    if lang == "en" or spec is None or not spec.vietnamese:
        return name
    return spec.vietnamese[0][0].upper() + spec.vietnamese[0][1:]


def reading_notes(inp: InputSummary, lang: Lang) -> list[str]:
    """What the reader decided about the file, in words (nothing for a plain census)."""
    return reading_notes_of(inp.to_dict(), lang)


def reading_notes_of(inp: dict[str, Any], lang: Lang) -> list[str]:
    """:func:`reading_notes` from the report's JSON ``input`` block."""
    notes = []
    for decision in inp.get("decisions", []):
        code = decision["code"]
        if code == "header_row":
            rows = "–".join(str(row) for row in decision["rows"])
            notes.append(label("read_header_row", lang, rows=rows))
        elif code == "column_numbers_row":
            notes.append(label("read_column_numbers_row", lang, row=decision["row"]))
        elif code == "thousands_separator":
            notes.append(
                label(
                    "read_thousands_separator",
                    lang,
                    column=column_label(decision["column"], lang),
                    separator=decision["separator"],
                )
            )
        elif code == "ticks":
            columns = ", ".join(column_label(name, lang) for name in decision["columns"])
            notes.append(label("read_ticks", lang, count=len(decision["columns"]), columns=columns))
    if inp.get("skipped_rows"):
        rows = ", ".join(str(skipped["row"]) for skipped in inp["skipped_rows"])
        notes.append(label("read_totals_rows", lang, rows=rows))
    return notes


def json_labels(document: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """The words for the codes of a check's JSON, for a person who reads it: the JSON keeps
    its stable English codes, and this block says them in ``lang``."""
    reasons = {
        str(problem["reason"]) for problem in document.get("input", {}).get("problems", [])
    } | set(document.get("input", {}).get("invalid_by_reason", {}))
    statuses = {str(target.get("status")) for target in document.get("targets", [])}
    return {
        "lang": lang,
        "classes": {key: label(key, lang) for key in ("poor", "near_poor", "middle", "non_poor")},
        "status": {key: label(f"status_{key}", lang) for key in sorted(statuses) if key},
        "reasons": {key: label(f"reason_{key}", lang) for key in sorted(reasons)},
        "reading": reading_notes_of(document.get("input", {}), lang),
    }
