"""Errors that stop a run because a census file cannot be read as one (their English text is
also in the JSON error document).

Each key: (Vietnamese, English); ``{name}`` is filled in by :func:`gnbv.render.labels.label`.
"""

WORDS_FILE_ERRORS: dict[str, tuple[str, str]] = {
    "err_did_you_mean": (
        "cột {found!r} có phải là {wanted!r}?",
        "did you mean {wanted!r} for the column {found!r}?",
    ),
    "err_bad_xlsx": (
        "{path}: không đọc được sổ Excel này (tệp hỏng, hoặc không phải sổ Excel)",
        "{path}: not a readable Excel workbook (damaged, or not a workbook)",
    ),
    "err_bad_xlsx_hint": (
        "mở bằng Excel rồi lưu lại dạng .xlsx",
        "save it again from Excel as .xlsx",
    ),
    "err_xlsx_password": (
        "{path}: sổ Excel này có mật khẩu (được mã hóa): gnbv không đọc được",
        "{path}: the workbook is protected by a password (encrypted): it cannot be read",
    ),
    "err_xlsx_password_hint": (
        "mở bằng Excel, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ Sổ làm việc > Mã hóa bằng Mật "
        "khẩu: để trống) rồi lưu lại",
        "open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with "
        "Password: leave it empty) and save it",
    ),
    "err_xlsx_uncomputed": (
        "{path}: sheet {sheet!r}: {count} ô số liệu (ô đầu tiên {cell}, cột {column!r}) là công "
        "thức chưa được tính, tệp không lưu giá trị (sổ do một phần mềm ghi ra, chưa mở bằng "
        "Excel): các ô này sẽ bị đọc là ô trống",
        "{path}: sheet {sheet!r}: {count} cells of the census (the first {cell}, column "
        "{column!r}) hold formulas whose values the file does not keep (written by a program, "
        "never computed): they would be read blank",
    ),
    "err_xlsx_uncomputed_hint": (
        "mở sổ bằng Excel (hoặc LibreOffice), bấm Lưu, rồi chạy lại",
        "open the workbook in Excel (or LibreOffice), save it, and run again",
    ),
    "err_no_sheet": (
        "{path}: không có sheet {sheet!r}; các sheet: {sheets}",
        "{path}: no sheet {sheet!r}; sheets: {sheets}",
    ),
    "err_no_sheet_hint": (
        "chọn sheet có danh sách hộ bằng {option}",
        "give the sheet that holds the census with {option}",
    ),
    "err_census_on_sheet": (
        "{path}: sheet đầu tiên {first!r} không có danh sách hộ; sheet {sheet!r} có",
        "{path}: the first sheet {first!r} holds no census; the sheet {sheet!r} does",
    ),
    "err_census_on_sheet_hint": (
        'chọn sheet đó bằng {option} "{sheet}"',
        'give that sheet with {option} "{sheet}"',
    ),
    "err_census_on_several_sheets": (
        "{path}: {count} sheet có danh sách hộ ({sheets}); gnbv chỉ đọc một sheet",
        "{path}: {count} sheets hold households ({sheets}); gnbv reads one",
    ),
    "err_census_on_several_sheets_hint": (
        "chép các hộ của cuộc rà soát vào một sheet rồi chọn sheet đó bằng {option}, "
        'hoặc chọn một sheet bằng {option} "{first}"',
        "put the census's households on one sheet and give it with {option}, "
        'or give one sheet with {option} "{first}"',
    ),
    "err_empty_sheet": ("{path}: sheet {sheet!r} trống", "{path}: the sheet {sheet!r} is empty"),
    "err_empty_sheet_hint": (
        "dòng đầu tiên phải là dòng tiêu đề",
        "the first row must be the header",
    ),
    "err_no_file": ("{path}: không tìm thấy tệp", "{path}: no such file"),
    "err_no_file_hint": ("kiểm tra lại đường dẫn", "check the path"),
    "err_directory": ("{path}: là thư mục, không phải tệp", "{path}: is a directory"),
    "err_tcvn3": (
        "{path}: văn bản gõ bằng bảng mã TCVN3 (ABC, phông .VnTime), không phải Unicode: không"
        " đọc được tiêu đề cột",
        "{path}: the text is typed with the TCVN3 (ABC) fonts (.VnTime), not in Unicode: its"
        " headers cannot be read",
    ),
    "err_tcvn3_hint": (
        "chuyển tệp sang Unicode (Unikey: Công cụ chuyển mã, từ TCVN3 (ABC) sang Unicode) rồi"
        " chạy lại",
        "convert it to Unicode (Unikey: Công cụ chuyển mã, from TCVN3 (ABC) to Unicode) and run"
        " again",
    ),
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
    "err_missing_columns_header_error": (
        "{path}: thiếu cột bắt buộc: {columns}; ô tiêu đề ở cột {cells} báo lỗi của Excel",
        "{path}: missing required columns: {columns}; the header shows an Excel error in "
        "column {cells}",
    ),
    "err_missing_columns_header_error_hint": (
        "sửa công thức của ô tiêu đề đó, hoặc gõ tên cột vào ô",
        "mend the formula of that header cell, or type the column's name in it",
    ),
    "err_zip": (
        "{path}: đây là tệp nén zip (sổ Excel .xlsx, sổ LibreOffice .ods?), không phải CSV",
        "{path}: this is a zip file (an .xlsx or .ods workbook?), not a CSV file",
    ),
    "err_zip_hint": (
        "đặt lại đuôi .xlsx (hoặc .ods) cho sổ tính, hoặc xuất ra CSV",
        "give the workbook its .xlsx (or .ods) name, or export CSV",
    ),
    "err_gzip_cut": (
        "{path}: tệp nén bị cắt ngắn hoặc hỏng",
        "{path}: the compressed file is cut short or damaged",
    ),
    "err_gzip_cut_hint": (
        "chép lại tệp từ nơi gửi (có thể chép, tải về chưa xong), hoặc dùng chính tệp CSV",
        "copy it again from where it came from, or give the CSV file itself",
    ),
    "err_xls_named": (
        "{path}: đây là sổ Excel .xls (Excel 97-2003), không phải CSV",
        "{path}: this is an .xls workbook (Excel 97-2003), not a CSV file",
    ),
    "err_xls_named_hint": (
        "đặt lại đuôi .xls cho sổ, hoặc xuất ra CSV",
        "give it its .xls name, or export CSV",
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
    "err_header_other_order": (
        "{path}: dòng {row} lặp lại dòng tiêu đề nhưng các cột theo thứ tự khác ({names!r} ở"
        " chỗ của {stands_in!r}): các hộ dưới dòng đó sẽ bị đọc sai cột",
        "{path}: row {row} repeats the header with its columns in another order ({names!r}"
        " where {stands_in!r} is): the households under it would be read under the wrong"
        " columns",
    ),
    "err_header_other_order_hint": (
        "ghép các tệp có cùng thứ tự cột (hoặc kiểm tra từng tệp riêng), rồi chạy lại",
        "join files whose columns are in the same order (or check each file alone), then run again",
    ),
    "err_header_only": (
        "{path}: tệp có dòng tiêu đề nhưng không có dòng dữ liệu nào",
        "{path}: the file has a header but no data rows",
    ),
    "err_header_only_hint": (
        "xuất cả các hộ, không chỉ dòng tiêu đề",
        "export the households, not only the header",
    ),
    "err_bad_sheet": (
        "{path}: không đọc được sheet {sheet!r}",
        "{path}: the sheet {sheet!r} cannot be read",
    ),
    "err_bad_sheet_hint": (
        "mở bằng Excel và lưu lại dạng .xlsx",
        "open it in Excel and save it again as .xlsx",
    ),
    "err_sheet_text_named_workbook": (
        "{path}: đây là tệp văn bản (CSV) mang đuôi {suffix}, không có sheet: --sheet chỉ dùng "
        "cho sổ Excel",
        "{path}: a text file (CSV) named {suffix}, with no sheets: --sheet is for Excel workbooks",
    ),
    "err_sheet_text_named_workbook_hint": (
        "bỏ --sheet khi đọc tệp này",
        "leave out --sheet for this file",
    ),
    "err_web_page_named_workbook": (
        "{path}: đây là trang web (trang HTML, như một số phần mềm xuất ra “Excel”) không có "
        "bảng nào gnbv đọc được",
        "{path}: this is a web page (an HTML page, as some software exports to Excel) with no "
        "table gnbv can read",
    ),
    "err_web_page_named_workbook_hint": (
        "mở tệp bằng Excel rồi lưu lại dạng sổ Excel (.xlsx): Tệp > Lưu thành > Sổ làm việc Excel",
        "open it in Excel and save it as an Excel workbook (.xlsx): File > Save As > Excel "
        "Workbook",
    ),
    "err_sheet_not_xlsx": (
        "{path}: --sheet chỉ dùng cho sổ Excel (.xlsx, .xls)",
        "{path}: --sheet is for Excel workbooks (.xlsx, .xls)",
    ),
    "err_header_unit": (
        "{path}: cột {number} {name!r} ghi theo {unit}; gnbv đọc cột này theo {wanted}",
        "{path}: column {number} {name!r} is in {unit}; gnbv reads it in {wanted}",
    ),
    "err_header_unit_hint": (
        "đổi số liệu sang {wanted} (1.500 nghìn đồng là 1.500.000 đồng) và đặt tiêu đề {header!r}",
        "write the figures in {wanted} (1,500 thousand đồng is 1,500,000 đồng) and head the "
        "column {header!r}",
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
    "err_open_quote": (
        '{path}: dòng {line}, cột {column!r}: dấu nháy kép (") mở một ô nhưng không đóng trên '
        "dòng đó: {rows} dòng sau nó sẽ bị đọc thành một phần của ô này",
        "{path}: line {line}, column {column!r}: a double quote opens a cell and is not closed "
        "on its line: {rows} rows after it would be read as part of that cell",
    ),
    "err_open_quote_hint": (
        "xóa dấu nháy kép thừa ở dòng {line} (hoặc đóng nó lại) rồi chạy lại",
        "remove the stray double quote on line {line} (or close it), then run again",
    ),
    "err_open_quote_somewhere": (
        '{path}: một dấu nháy kép (") mở một ô nhưng không đóng trên dòng đó: các dòng sau '
        "nó sẽ bị đọc thành một phần của ô này",
        "{path}: a double quote opens a cell and is not closed on its line: the rows after it "
        "would be read as part of that cell",
    ),
    "err_open_quote_somewhere_hint": (
        'tìm dấu nháy kép (") thừa, xóa hoặc đóng nó lại, rồi chạy lại',
        'find the stray double quote (") and remove or close it, then run again',
    ),
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
    "err_gzip_not_utf8": (
        "{path}: tệp rà soát nén không phải văn bản UTF-8",
        "{path}: the compressed census is not UTF-8 text",
    ),
    "err_gzip_not_utf8_hint": (
        "ghi bảng mã của tệp với --encoding (cp1258, utf-16), hoặc lưu lại dạng UTF-8",
        "give its encoding with --encoding (cp1258, utf-16), or save it as UTF-8",
    ),
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
}
