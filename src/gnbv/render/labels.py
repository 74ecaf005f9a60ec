"""Every label gnbv shows a person, in Vietnamese (default) and English."""

from __future__ import annotations

from gnbv.render.numbers import Lang

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
    "budget_title": ("Nguồn vốn thực hiện năm {year} (triệu đồng)",
                     "Funds for {year} (million VND)"),  # fmt: skip
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
}


def label(key: str, lang: Lang, **values: object) -> str:
    vi, en = _LABELS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text
