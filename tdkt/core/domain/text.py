"""Vietnamese text helpers that every search and sort uses (pure Python)."""

import unicodedata

# đ/Đ are letters of their own, not d with a mark: NFD does not split them.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def fold_vi(text: str | None) -> str:
    """Lower-case, tone- and mark-free form: "Sở Nội vụ" -> "so noi vu", "Đức" -> "duc"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())


def search_terms(query: str | None) -> list[str]:
    """The folded words of a search box; every word must match."""
    return fold_vi(query).split()


def decision_number(word: str) -> tuple[int, str] | None:
    """A searched word read as a decision's number: "312" → (312, ""), "312/QĐ-SNV" → (312, "QĐ-SNV");
    None when it is not one (the number part must be plain digits, short enough for the database)."""
    number, _, symbol = word.partition("/")
    if number.isascii() and number.isdigit() and len(number) < 10:
        return int(number), symbol
    return None
