"""Reading an upload: the encodings we accept (UTF-8, UTF-8 with BOM, Windows-1252), the ones we
refuse with a clear message, the delimiters, and XLSX."""

import datetime

import pytest

from dekkend.imports import parsers

from .factories import COUNT_HEADER, csv_bytes, xlsx_bytes

ROW = ["12AB", "00", "01-10-2025", "Één"]


class EncodingTests:
    @pytest.mark.parametrize(
        ("encoding", "name"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252")]
    )
    def test_utf8_with_or_without_bom_and_windows_1252_read_the_same(self, encoding, name):
        table = parsers.read_table(csv_bytes(COUNT_HEADER, [ROW], encoding=encoding))
        assert table.encoding == name
        assert table.header == COUNT_HEADER
        assert table.rows == [(2, ROW)]

    def test_utf16_is_refused_with_what_to_do(self):
        with pytest.raises(parsers.FileProblem, match="UTF-16"):
            parsers.read_table(csv_bytes(COUNT_HEADER, [ROW], encoding="utf-16"))

    def test_bytes_that_no_encoding_we_know_reads_are_refused(self):
        # 0x81 is undefined in Windows-1252 and not valid UTF-8 on its own.
        with pytest.raises(parsers.FileProblem, match="UTF-8"):
            parsers.read_table(b"BRIN_NUMMER;PEILDATUM\r\n12AB;\x81\r\n")

    def test_a_bom_followed_by_something_else_than_utf8_is_refused(self):
        with pytest.raises(parsers.FileProblem, match="UTF-8"):
            parsers.read_table(b"\xef\xbb\xbfBRIN;\xe9\xe9\r\n")

    def test_a_binary_file_is_not_a_table(self):
        with pytest.raises(parsers.FileProblem, match="CSV"):
            parsers.read_table(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


class ShapeTests:
    @pytest.mark.parametrize("delimiter", [";", ",", "\t"])
    def test_the_delimiter_is_found_from_the_header(self, delimiter):
        table = parsers.read_table(csv_bytes(COUNT_HEADER, [ROW], delimiter=delimiter))
        assert table.rows[0][1] == ROW

    def test_an_empty_file_is_refused(self):
        with pytest.raises(parsers.FileProblem, match="leeg"):
            parsers.read_table(b"")

    def test_a_file_of_blank_lines_is_empty(self):
        with pytest.raises(parsers.FileProblem, match="leeg"):
            parsers.read_table(b"\r\n \r\n")

    def test_blank_lines_are_skipped_and_rows_keep_their_number(self):
        data = b"A;B\r\n1;2\r\n\r\n3;4\r\n"
        assert parsers.read_table(data).rows == [(2, ["1", "2"]), (4, ["3", "4"])]

    def test_an_xlsx_gives_dates_and_whole_numbers_as_text(self):
        data = xlsx_bytes(COUNT_HEADER, [["12AB", "00", datetime.date(2025, 10, 1), 312.0]])
        table = parsers.read_table(data)
        assert table.file_format == "xlsx"
        assert table.rows == [(2, ["12AB", "00", "2025-10-01", "312"])]

    def test_a_zip_that_is_no_workbook_is_refused(self):
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("data.txt", "hallo")
        with pytest.raises(parsers.FileProblem, match="Excel"):
            parsers.read_table(buffer.getvalue())


class SizeTests:
    def test_exactly_the_limit_is_accepted_one_byte_more_is_not(self, monkeypatch):
        data = csv_bytes(COUNT_HEADER, [ROW])
        monkeypatch.setattr(parsers, "MAX_IMPORT_BYTES", len(data))
        parsers.read_table(data)
        with pytest.raises(parsers.FileProblem, match="groter"):
            parsers.read_table(data + b" ")
