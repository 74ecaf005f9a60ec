"""The words of refusals of a command line whose options do not agree with each other or
with the files given (an output's name and its format, a unit the census does not have).

Each key: (Vietnamese, English); ``{name}`` is filled in by :func:`gnbv.render.labels.label`.
"""

WORDS_USAGE: dict[str, tuple[str, str]] = {
    "err_xlsx_needs_output": (
        "--format xlsx ghi ra sổ Excel: cần --output TỆP.xlsx",
        "--format xlsx writes a workbook: give --output FILE.xlsx",
    ),
    "err_output_not_workbook": (
        "--output {name}: tên này là của sổ Excel, nhưng --format {format} ghi văn bản",
        "--output {name}: a workbook's name, but --format {format} writes text",
    ),
    "err_output_not_workbook_hint": (
        "bỏ --format để ghi sổ Excel các biểu, hoặc đặt tên tệp khác",
        "leave --format out for the workbook of forms, or give another name",
    ),
    "err_workbook_name": (
        "--output {name}: --format xlsx ghi sổ Excel, tên tệp cần đuôi .xlsx",
        "--output {name}: --format xlsx writes a workbook, whose name ends in .xlsx",
    ),
    "err_workbook_name_hint": ("đặt tên tệp đuôi .xlsx", "give it a .xlsx name"),
    "err_ods_output": (
        "--output {name}: gnbv ghi sổ tính dạng .xlsx (LibreOffice mở được)",
        "--output {name}: gnbv writes its workbooks as .xlsx (LibreOffice opens them)",
    ),
    "err_ods_output_hint": ("đặt tên tệp đuôi .xlsx", "give it a .xlsx name"),
    "err_csv_named_workbook": (
        "{option} {name}: lệnh này ghi tệp CSV, không phải sổ Excel",
        "{option} {name}: this writes CSV, not a workbook",
    ),
    "err_csv_named_workbook_hint": ("đặt tên tệp đuôi .csv", "give it a .csv name"),
    "err_list_no_district": (
        "không có huyện {name!r} trong tệp rà soát; các huyện có: {units}",
        "no district {name!r} in the census; it has: {units}",
    ),
    "err_list_no_district_hint": (
        "ghi một huyện trong số đó với --district",
        "give one with --district",
    ),
    "err_list_no_commune": (
        "không có xã {name!r} trong tệp rà soát (ở các huyện đã chọn); các xã có: {units}",
        "no commune {name!r} in the census (in the districts chosen); it has: {units}",
    ),
    "err_list_no_commune_hint": (
        "ghi một xã trong số đó với --commune",
        "give one with --commune",
    ),
}
