import codecs
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from reportgen import csvdata
from reportgen.csvdata import ColumnSpec, read_csv
from reportgen.errors import InputError, Problem
from reportgen.schema import CsvFormat

C = ColumnSpec


def write(tmp_path: Path, data: bytes, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def problems(path: Path, specs, fmt=None) -> list[tuple[int | None, int | None, str, str]]:
    with pytest.raises(InputError) as info:
        read_csv(path, specs, fmt)
    return [(p.line, p.column, p.key, p.message) for p in info.value.problems]


# --- reading what Excel writes --------------------------------------------------------------


def test_cp1252_semicolon_decimal_comma_crlf_trailing_blank_lines(tmp_path):
    data = "No;Nama;Skor;Anggaran\r\n1;Andr\xe9;78,5;Rp 1.250.000\r\n2;J\xf6rg;1.234,25;Rp 2.000\r\n\r\n;;;\r\n\r\n"
    path = write(tmp_path, data.encode("cp1252"))
    df = read_csv(path, [C("Nama"), C("Skor", "angka"), C("Anggaran", "angka")])
    assert list(df.columns) == ["Nama", "Skor", "Anggaran"]
    assert df["Nama"].tolist() == ["André", "Jörg"]
    assert df["Skor"].tolist() == [78.5, 1234.25]
    assert df["Anggaran"].tolist() == [1250000.0, 2000.0]
    assert df.index.tolist() == [2, 3]
    assert df.index.name == "baris"


def test_utf8_bom_comma_decimal_point(tmp_path):
    data = '\ufeffNama,Skor,Jumlah\nÖzil,1234.5,"1,250,000"\nSiti,7.25,12\n'
    df = read_csv(write(tmp_path, data.encode("utf-8")), [C("Nama"), C("Skor", "angka"), C("Jumlah", "bulat")])
    assert df["Nama"].tolist() == ["Özil", "Siti"]
    assert df["Skor"].tolist() == [1234.5, 7.25]
    assert df["Jumlah"].tolist() == [1250000, 12]
    assert df["Jumlah"].dtype == "int64"


def test_nip_and_leading_zeros_stay_exact_text(tmp_path):
    path = write(tmp_path, b"NIP;Kode\n198703152010011002;007\n199001012015032001;0100\n")
    df = read_csv(path, [C("NIP"), C("Kode")])
    assert df["NIP"].tolist() == ["198703152010011002", "199001012015032001"]
    assert df["Kode"].tolist() == ["007", "0100"]


def test_tab_separator_and_utf16_unicode_text(tmp_path):
    data = "Nama\tSkor\r\nBudi\t3,5\r\n"
    df = read_csv(write(tmp_path, data.encode("utf-16")), [C("Nama"), C("Skor", "angka")])
    assert df["Skor"].tolist() == [3.5]


def test_excel_sep_line_sets_the_separator_and_keeps_line_numbers(tmp_path):
    df = read_csv(write(tmp_path, b"sep=,\nNama,Skor\nBudi,3.5\n"), [C("Nama"), C("Skor", "angka")])
    assert df["Skor"].tolist() == [3.5]
    assert df.index.tolist() == [3]


def test_header_trimmed_quoted_fields_extra_columns_dropped(tmp_path):
    data = b' Nama ;"Alamat; Kota";Catatan ;;\n"Budi; S.Pd.";"Jl. A\nNo. 5";x;;\n"Ani";Padang;y;;\n'
    df = read_csv(write(tmp_path, data), [C("Alamat; Kota"), C("Nama")])
    assert list(df.columns) == ["Alamat; Kota", "Nama"]
    assert df["Nama"].tolist() == ["Budi; S.Pd.", "Ani"]
    assert df["Alamat; Kota"].tolist() == ["Jl. A\nNo. 5", "Padang"]
    assert df.index.tolist() == [2, 4]  # a row starts on the line it begins on


def test_percent_and_negative_numbers(tmp_path):
    path = write(tmp_path, b"A;B\n45,3%;-Rp 1.500\n\xe2\x88\x922,5;-7\n")
    df = read_csv(path, [C("A", "angka"), C("B", "angka")])
    assert df["A"].tolist() == [45.3, -2.5]
    assert df["B"].tolist() == [-1500.0, -7.0]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"A;B\n1.250;x\n", 1250.0),  # ';' and no evidence: Indonesian, '.' groups thousands
        (b"A,B\n1.250,x\n", 1.25),  # ',' and no evidence: decimal point
        (b"A;B\n1.250;x\n1.5;y\n", 1.25),  # '1.5' proves the decimal point for the column
        (b'A,B\n"1,250",x\n"2,5",y\n', 1.25),  # '2,5' proves the decimal comma
    ],
)
def test_decimal_sign_detected_per_column(tmp_path, data, expected):
    assert read_csv(write(tmp_path, data), [C("A", "angka")])["A"].iloc[0] == expected


def test_decimal_sign_forced(tmp_path):
    df = read_csv(write(tmp_path, b"A;B\n1.250;x\n"), [C("A", "angka")], CsvFormat(desimal="."))
    assert df["A"].tolist() == [1.25]


def test_dates_in_three_formats(tmp_path):
    path = write(tmp_path, b"Tgl\n15/03/2026\n1-2-2026\n2026-11-22\n")
    assert read_csv(path, [C("Tgl", "tanggal")])["Tgl"].tolist() == [
        dt.date(2026, 3, 15),
        dt.date(2026, 2, 1),
        dt.date(2026, 11, 22),
    ]


def test_optional_columns_absent_or_with_empty_cells(tmp_path):
    path = write(tmp_path, b"Nama;Skor;N;Tgl;Catatan\nA;;;;\nB;2;3;01/01/2026;ok\n")
    specs = [C(n, k, required=False) for n, k in [("Skor", "angka"), ("N", "bulat"), ("Tgl", "tanggal")]]
    df = read_csv(path, [*specs, C("Catatan", required=False), C("Hilang", required=False)])
    assert list(df.columns) == ["Skor", "N", "Tgl", "Catatan"]
    assert pd.isna(df["Skor"].iloc[0]) and df["Skor"].iloc[1] == 2.0
    assert df["N"].dtype == "Int64" and pd.isna(df["N"].iloc[0]) and df["N"].iloc[1] == 3
    assert df["Tgl"].tolist() == [None, dt.date(2026, 1, 1)]
    assert df["Catatan"].tolist() == ["", "ok"]


def test_forced_encoding_and_separator(tmp_path):
    path = write(tmp_path, "Nama|Kota\nAndré|Bukittinggi\n".encode("latin-1"))
    df = read_csv(path, [C("Nama")], CsvFormat(pemisah="|", pengodean="latin-1"))
    assert df["Nama"].tolist() == ["André"]


# --- problems -----------------------------------------------------------------------------


def test_empty_file(tmp_path):
    assert problems(write(tmp_path, b"\r\n;;\r\n"), [C("A")]) == [
        (None, None, "", "berkas CSV kosong; diharapkan baris judul kolom lalu data")
    ]


def test_header_only(tmp_path):
    assert problems(write(tmp_path, b"A;B\r\n\r\n"), [C("A")]) == [
        (None, None, "", "berkas CSV tidak berisi data; hanya ada baris judul kolom")
    ]


def test_column_with_blanks_must_exist_but_cells_may_be_empty(tmp_path):
    path = write(tmp_path, b"No;U1\n1;4\n2;\n3;5\n")
    spec = C("U1", "bulat", blanks=True, minimum=1, maximum=4)
    assert problems(path, [spec]) == [(4, 2, "U1", "diharapkan bilangan bulat 1 sampai 4; ditemukan 5")]
    df = read_csv(write(tmp_path, b"No;U1\n1;4\n2;\n", "ok.csv"), [spec])
    assert df["U1"].dtype == "Int64" and df["U1"].iloc[0] == 4 and pd.isna(df["U1"].iloc[1])
    assert problems(write(tmp_path, b"No;U 1\n1;4\n", "gone.csv"), [spec])[0][3].startswith(
        "kolom 'U1' tidak ditemukan."
    )


def test_missing_column_suggests_the_close_one(tmp_path):
    path = write(tmp_path, b"No;U 5;Nama\n1;2;x\n")
    assert problems(path, [C("U5", "bulat"), C("Nama")]) == [
        (1, None, "U5", "kolom 'U5' tidak ditemukan. Mungkin maksud Anda 'U 5'? Kolom yang ada: 'No', 'U 5', 'Nama'")
    ]


def test_every_cell_problem_with_line_column_and_key(tmp_path):
    data = b"Nama;U1;Skor;Tgl\nA;1;tiga;31/02/2026\n;5;2,5;01/01/2026\nC;3,5;;2026-1-1\n"
    specs = [C("Nama"), C("U1", "bulat", minimum=1, maximum=4), C("Skor", "angka"), C("Tgl", "tanggal")]
    assert problems(write(tmp_path, data), specs) == [
        (2, 3, "Skor", "diharapkan bilangan; ditemukan 'tiga'"),
        (2, 4, "Tgl", "diharapkan tanggal (HH/BB/TTTT); ditemukan '31/02/2026'"),
        (3, 1, "Nama", "sel kosong; diharapkan teks"),
        (3, 2, "U1", "diharapkan bilangan bulat 1 sampai 4; ditemukan 5"),
        (4, 2, "U1", "diharapkan bilangan bulat; ditemukan '3,5'"),
        (4, 3, "Skor", "sel kosong; diharapkan bilangan"),
    ]


def test_one_sided_bounds_in_indonesian(tmp_path):
    path = write(tmp_path, b"A;B\n-0,5;100,5\n")
    specs = [C("A", "angka", minimum=0), C("B", "angka", maximum=99.5)]
    assert [m for *_, m in problems(path, specs)] == [
        "diharapkan bilangan minimal 0; ditemukan -0,5",
        "diharapkan bilangan maksimal 99,5; ditemukan 100,5",
    ]


def test_mixed_number_conventions_are_not_guessed(tmp_path):
    path = write(tmp_path, b"A;B\n1.234,5;x\n1,234.5;y\n2,5;z\n")
    assert problems(path, [C("A", "angka")]) == [(3, 1, "A", "diharapkan bilangan; ditemukan '1,234.5'")]


def test_row_with_more_cells_than_the_header(tmp_path):
    path = write(tmp_path, b"Nama,Skor\nBudi,78,5\nAni,80\n")
    assert problems(path, [C("Nama")]) == [
        (
            2,
            3,
            "",
            "baris ini berisi 3 sel, padahal baris judul hanya 2 kolom; "
            "periksa pemisah kolom (',') dan apit dengan tanda kutip nilai yang memuat ','",
        )
    ]


def test_unclosed_quote(tmp_path):
    path = write(tmp_path, b'A;B\n1;2\n"3;4\n5;6\n')
    assert problems(path, [C("A")]) == [
        (3, None, "", 'tanda kutip (") dibuka tetapi tidak ditutup sampai akhir berkas')
    ]


def test_duplicate_column(tmp_path):
    path = write(tmp_path, b"A;B;A\n1;2;3\n")
    assert problems(path, [C("A")]) == [(1, 3, "A", "kolom 'A' muncul lebih dari sekali (kolom ke-1 dan 3)")]


def test_undecodable_byte_when_encoding_forced(tmp_path):
    path = write(tmp_path, b"Nama;Skor\nBudi;1\nAndr\xe9;2\n")
    assert problems(path, [C("Nama")], CsvFormat(pengodean="utf-8")) == [
        (
            3,
            1,
            "Nama",
            "byte 0xE9 tidak dapat dibaca sebagai utf-8; simpan ulang sebagai CSV UTF-8 atau "
            "periksa 'pengodean' (utf-8, cp1252 atau latin-1)",
        )
    ]


def test_undecodable_byte_when_detected(tmp_path):
    path = write(tmp_path, b"Nama\nA\x81\n")
    assert problems(path, [C("Nama")]) == [
        (
            2,
            1,
            "Nama",
            "byte 0x81 tidak dapat dibaca sebagai UTF-8 maupun Windows-1252 (cp1252); "
            "simpan ulang sebagai CSV UTF-8 atau tetapkan 'pengodean'",
        )
    ]


MIXED = (
    "byte 0xE9 tidak dapat dibaca sebagai UTF-8, padahal bagian lain berkas ini UTF-8: berkas mencampur "
    "pengodean; perbaiki sel ini lalu simpan ulang sebagai CSV UTF-8"
)


def test_a_utf8_file_with_a_bom_and_one_windows_1252_byte_is_reported_at_that_byte(tmp_path):
    path = write(tmp_path, codecs.BOM_UTF8 + b"Nama;Skor\nBudi;1\nSiti;2\nAndr\xe9;3\n")
    assert problems(path, [C("Nama"), C("Skor", "bulat")]) == [(4, 1, "Nama", MIXED)]


def test_utf8_characters_beside_a_windows_1252_byte_are_not_guessed(tmp_path):
    path = write(tmp_path, "Nama;Skor\nRené;1\n".encode() + b"1;Andr\xe9\n")
    assert problems(path, [C("Nama"), C("Skor")]) == [(3, 2, "Skor", MIXED)]


@pytest.mark.parametrize(
    "cell",
    [
        "1" + "0" * 308,  # near the largest float
        "1" + "0" * 400,  # beyond it: infinity
        "1.000.000.000.000.000",
        "-1.000.000.000.000.000",
    ],
)
def test_numbers_beyond_the_exact_range_are_errors_at_their_cell(tmp_path, cell):
    path = write(tmp_path, f"Nama;Pagu\nA;{cell}\n".encode())
    [(line, column, key, message)] = problems(path, [C("Nama"), C("Pagu", "angka")])
    assert (line, column, key) == (2, 2, "Pagu")
    assert message.startswith("angka terlalu besar: '")
    assert message.endswith("; diharapkan kurang dari 1.000 triliun (1.000.000.000.000.000)")


def test_the_largest_exact_number_is_read(tmp_path):
    path = write(tmp_path, b"Nama;Pagu\nA;999.999.999.999.999\n")
    assert read_csv(path, [C("Nama"), C("Pagu", "bulat")])["Pagu"].tolist() == [999_999_999_999_999]


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "besar.csv"
    with path.open("wb") as f:
        f.truncate(csvdata.MAX_BYTES + 1)
    assert problems(path, [C("Nama")]) == [(None, None, "", "berkas CSV terlalu besar (20,0 MB); batasnya 20 MB")]


def test_problems_are_capped(tmp_path):
    path = write(tmp_path, b"A\n" + b"x\n" * 25)
    found = problems(path, [C("A", "angka")])
    assert len(found) == 21
    assert found[0] == (2, 1, "A", "diharapkan bilangan; ditemukan 'x'")
    assert found[-1] == (None, None, "", "... dan 5 kesalahan lain")


def test_problem_names_the_shown_path(tmp_path):
    path = write(tmp_path, b"A\nx\n")
    with pytest.raises(InputError) as info:
        read_csv(path, [C("A", "angka")], shown_as=Path("content/x/data.csv"))
    assert info.value.problems == (
        Problem(Path("content/x/data.csv"), "diharapkan bilangan; ditemukan 'x'", line=2, column=1, key="A"),
    )


def test_windows_1252_bytes_that_are_not_utf8_sequences_are_read_as_windows_1252(tmp_path):
    text = "Nama;Skor\nAndré’s;1\nJosé\xa0Rizal;2\nPeñ–a;3\nCafé»;4\n"
    path = write(tmp_path, text.encode("cp1252"))
    assert read_csv(path, [C("Nama"), C("Skor", "bulat")])["Nama"].tolist() == [
        "André’s",
        "José\xa0Rizal",
        "Peñ–a",
        "Café»",
    ]
