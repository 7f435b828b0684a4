import pytest

from tdkt.core.domain.text import decision_number, fold_vi, search_terms


def test_fold_vi_strips_tone_marks_and_case():
    assert fold_vi("Sở Nội vụ") == "so noi vu"
    assert fold_vi("Nguyễn Thị Ánh") == "nguyen thi anh"


def test_fold_vi_maps_d_with_stroke():
    assert fold_vi("Đức") == "duc"
    assert fold_vi("Đặng đình Đạt") == "dang dinh dat"


def test_fold_vi_handles_decomposed_input_and_spaces():
    decomposed = "Ho\u0302\u0300ng  Va\u0306n"  # "Hồng Văn" written in NFD, two spaces
    assert fold_vi(decomposed) == "hong van"


def test_search_terms_are_folded_words():
    assert search_terms("  Sở   NỘI vụ ") == ["so", "noi", "vu"]
    assert search_terms(None) == []


@pytest.mark.parametrize(("word", "expected"), [
    ("312", (312, "")),
    ("312/QĐ-SNV", (312, "QĐ-SNV")),
    ("0312/", (312, "")),
    ("giay", None),
    ("３１２", None),  # full-width digits are digits to Python, not to the database
    ("1234567890", None),  # past the column's range
    ("", None),
])
def test_a_searched_word_read_as_a_decision_number(word, expected):
    assert decision_number(word) == expected
