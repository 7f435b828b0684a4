"""What Biểu 0602 and 0603 (Thông tư 02/2023/TT-BNV) share: who received an award and by which
method (phương thức khen thưởng), as values the query gives every title or award record
(tdkt.records HonourRecord).

recipient — from the record's subject:
- "enterprise": a collective whose organisation is an enterprise or association;
- "collective": any other collective;
- "household": hộ gia đình (the system records no household as a subject yet: always 0);
- individuals, from Person.is_manager and the level and kind of the organisation they work in:
  "leader_province" (a leader of an organisation of the provincial level: UBND tỉnh),
  "leader_department" (a leader of a department, agency or district: "cấp vụ, sở, ngành và tương đương"),
  "businessperson" (a leader of an enterprise),
  "leader_other" (any other leader, "từ phó phòng trở lên"),
  "worker" (no leadership post: "người trực tiếp công tác, lao động…").

method — from the commendation round of the decision that gave it (tdkt.awards): a year's regular
round → "thuong_xuyen", a movement's → "chuyen_de", a sudden one → "dot_xuat". Records entered by hand
or imported with a past decision carry no round and count as "thuong_xuyen". The data has no
round kind for đối ngoại, cống hiến, niên hạn or kháng chiến: those rows stay 0.
"""

from .layout import Row, crit

COLLECTIVES = ("enterprise", "collective")
INDIVIDUALS = ("leader_province", "leader_department", "businessperson", "leader_other", "worker")
HOUSEHOLDS = ("household",)

METHODS = (
    ("thuong_xuyen", "- Thường xuyên"),
    ("chuyen_de", "- Chuyên đề"),
    ("dot_xuat", "- Đột xuất"),
    ("doi_ngoai", "- Đối ngoại"),
    ("cong_hien", "- Cống hiến"),
    ("nien_han", "- Niên hạn"),
    ("khang_chien", "- Kháng chiến"),
)
# The commendation round's kind (tdkt.awards RoundKind) → the method.
ROUND_KIND_METHOD = {"regular": "thuong_xuyen", "movement": "chuyen_de", "sudden": "dot_xuat"}
DEFAULT_METHOD = "thuong_xuyen"


def recipient_rows(first_code: int) -> tuple[Row, ...]:
    """The rows "- Tập thể … + Người trực tiếp …", numbered from `first_code`."""
    labels = (
        ("- Tập thể", "Tập thể", COLLECTIVES),
        ("Trong đó: Doanh nghiệp", "Doanh nghiệp", ("enterprise",)),
        ("- Hộ gia đình", "Hộ", HOUSEHOLDS),
        ("- Cá nhân", "Người", INDIVIDUALS),
        ("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", "Người", ("leader_province",)),
        ("+ Lãnh đạo cấp vụ, sở, ngành và tương đương", "Người", ("leader_department",)),
        ("+ Doanh nhân", "Người", ("businessperson",)),
        ("+ Các cấp lãnh đạo khác từ phó phòng trở lên", "Người", ("leader_other",)),
        ("+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân,...)",
         "Người", ("worker",)),
    )
    return tuple(Row(f"{first_code + i:02d}", label, unit, crit(recipient=values))
                 for i, (label, unit, values) in enumerate(labels))


def method_rows(first_code: int) -> tuple[Row, ...]:
    return tuple(Row(f"{first_code + i:02d}", label, criteria=crit(method=m)) for i, (m, label) in enumerate(METHODS))
