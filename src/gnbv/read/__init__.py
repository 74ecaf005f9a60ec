"""The reader: a census file, as an office makes it, into text cells under the census
contract's column names. Where each kind of file quirk is handled:

- ``text.py``: bytes to text: the encoding (``encoding.py``: UTF-8, UTF-16, cp1258, and
  what is refused), the delimiter, the rows at the top; ``scan.py``: the file's bytes read
  once in the background (SHA-256, NUL bytes, quotes); ``gzip_text.py``: a compressed
  file's text (one cut short refused wherever it is read); ``streamed.py``: a text outside
  UTF-8 or compressed, read as UTF-8 a block at a time; ``lines.py``: the file's lines when
  a parse calls for them (short and blank lines, a stray quote);
- ``layout.py``: where the table starts: title rows, two header rows, a row of column numbers;
- ``columns.py``: headers to census columns (Vietnamese names, a mapping, "did you mean"), and
  the sample that decides the columns' conventions (rules in ``gnbv.core.contract.conventions``);
- ``csv_polars.py`` (plain UTF-8 CSV, fast), ``csv_arrow.py`` (every other CSV), ``xlsx.py``
  (.xlsx, .xls and .ods, and a web page saved as .xls: ``web_page.py``; ``sheets.py`` which
  sheet, ``cells.py`` a cell as text, ``merged.py`` cells merged down, ``ods.py`` an .ods's
  merged cells), ``parquet.py``: one reader per kind of file; ``column_types.py``: which
  columns a CSV reader reads typed;
- ``census.py``: the entry point: which reader, by the file's bytes (a text file named .xls is
  read as text, an .xls named .xlsx as an .xls, a web page as a sheet), and a read started
  again in another mode (``source.py`` holds the modes and what every reader hands over;
  ``options.py`` what a user or a program asks of the read: encoding, delimiter, sheet,
  column mapping).

What a cell means (a word, a number, a blank) is not decided here but by the census contract's
rules (``gnbv.core.validation.batch``), which report every bad cell by row and column.
"""
