"""The one checked reader behind the codebook and the spelling table."""

import pytest

from framing import CodebookError, load_codebook
from framing.tables import read_checked_csv
from framing.terms import TermsError, load_normalisation


def test_rows_are_numbered_as_in_a_spreadsheet_and_stripped(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("\ufeff a , b \n x , y \n,z\n", encoding="utf-8")
    header, rows = read_checked_csv(path, ["a"], "table")
    assert header == ["a", "b"]
    assert list(rows) == [(2, {"a": "x", "b": "y"}), (3, {"a": "", "b": "z"})]


@pytest.mark.parametrize("loader, error, text", [
    (load_codebook, CodebookError, "codebook"),
    (load_normalisation, TermsError, "normalisation table"),
])
def test_each_table_names_its_file_and_the_fix_in_one_line(tmp_path, loader, error, text):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("actor,label,camp,aliases,variant,canonical\nx,Caf\xe9,c,a,b,c\n"
                      .encode("latin-1"))
    with pytest.raises(error, match=f"latin.csv: not valid UTF-8; re-save the {text} as UTF-8"):
        loader(latin)
    with pytest.raises(error, match="nowhere.csv: .*not found"):
        loader(tmp_path / "nowhere.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(error, match=r"empty.csv: .*\(empty\)"):
        loader(empty)
