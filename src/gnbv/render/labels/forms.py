"""The words of the review's forms (workbooks to print and sign).

Each key: (Vietnamese, English); ``{name}`` is filled in by :func:`gnbv.render.labels.label`.
"""

WORDS_FORMS: dict[str, tuple[str, str]] = {
    # the review's forms (workbooks to print and sign)
    "form_issuer": ("{agency} TỈNH {province}", "{agency}, {province} PROVINCE"),
    "form_issuer_to_write": ("……………………………………", "……………………………………"),
    "form_republic": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "form_motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "form_subtitle": (
        "Đơn vị: {unit} — tỉnh {province} — năm {year} — lập ngày {date}",
        "Unit: {unit} — {province} province — {year} — made on {date}",
    ),
    "form_subtitle_province": (
        "Đơn vị: tỉnh {province} — năm {year} — lập ngày {date}",
        "Unit: {province} province — {year} — made on {date}",
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
        'Một hộ có thể thuộc nhiều nhóm. "Không có dữ liệu": tệp rà soát không có cột đó,'
        " hoặc không có hộ nào của huyện đó.",
        'A household may be in several groups. "No data": the census has no such column, or'
        " no household of that district.",
    ),
    "form_household_id": ("Mã hộ", "Household id"),
    "form_problems_title": ("DANH SÁCH DÒNG DỮ LIỆU BỊ LOẠI", "ROWS SET ASIDE"),
    "form_note_problems": (
        "{invalid} trên {rows} dòng bị loại; liệt kê {shown} trên {total} lỗi.",
        "{invalid} of {rows} rows set aside; {shown} of {total} problems listed.",
    ),
}
