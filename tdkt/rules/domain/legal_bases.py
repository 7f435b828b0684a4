"""The legal acts a generated document cites, as they stood on the document's date.

A decision dated 27/12/2024 must cite Nghị định 98/2023/NĐ-CP, never 152/2025/NĐ-CP, which was not
yet issued. Which regime a day falls in is the rule book's answer (``regimes.NATIONAL``): this
module adds only the acts' numbers, dates and titles, so the dates of the regimes stay one truth.
Circulars and the local-government law change on their own dates inside or across regimes and
carry them here.

Pure Python (no Django): awards, documents, movements and reports all import it.

Confidence, as in ../shared/domain/LAW.md: [V] read in the law; [V2] quoted by a secondary
source; [R] recalled, not verified. An act's issue date is printed only when it is at least [V2]
or a well-known [R] (it is None otherwise, and the citation omits "ngày …" rather than guess).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .regimes import NATIONAL, RuleBook


@dataclass(frozen=True)
class Act:
    """One legal act: "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định …"."""

    kind: str  # "Luật", "Nghị định", "Thông tư"
    number: str  # "98/2023/NĐ-CP"; "" for the 2003 law, cited by its date as decisions did
    issued: date | None
    title: str  # what follows the number and date, e.g. "của Chính phủ quy định chi tiết …"
    in_force_from: date | None = None  # only for acts whose own date matters (circulars, local law)
    in_force_to: date | None = None
    confidence: str = "R"

    @property
    def short(self) -> str:
        """ "Nghị định số 98/2023/NĐ-CP" (the act as named in running text)."""
        return f"{self.kind} số {self.number}" if self.number else f"{self.kind} {self.title}"

    def citation(self) -> str:
        """A law names itself first ("Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022"),
        a decree or circular after its number and date ("… ngày 31/12/2023 của Chính phủ quy định …")."""
        issued = f" ngày {day_text(self.issued)}" if self.issued else ""
        number = f" số {self.number}" if self.number else ""
        if self.kind == "Luật":
            return f"Luật {self.title}{number}{issued}"
        return f"{self.kind}{number}{issued} {self.title}".rstrip()

    def in_force(self, day: date) -> bool:
        return (self.in_force_from is None or self.in_force_from <= day) and (
            self.in_force_to is None or day <= self.in_force_to
        )


def day_text(day: date) -> str:
    """ "15/6/2022", "04/11/2019", "29/02/2024": Nghị định 30/2020 pads days below 10 and months 1, 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


# --- the acts --------------------------------------------------------------------------------------

# Luật Thi đua, khen thưởng 2003 and its amendments, cited the way decisions of 2014–2023 did:
# "Luật Thi đua, khen thưởng ngày 26/11/2003; Luật sửa đổi, bổ sung … ngày 14/6/2005 và ngày
# 16/11/2013". Numbers 15/2003/QH11, 47/2005/QH11 [V2: a school's list of acts], 39/2013/QH13 [R].
# The 2009 amendment (believed Luật 32/2009/QH12 [R], not verified) is left out: the decisions of
# the period we know cite only 2005 and 2013, and a number not verified is not printed.
LAW_2003 = Act("Luật", "15/2003/QH11", date(2003, 11, 26), "Thi đua, khen thưởng", confidence="V2")
LAW_2005 = Act(
    "Luật",
    "47/2005/QH11",
    date(2005, 6, 14),
    "sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
    confidence="V2",
)
LAW_2013 = Act(
    "Luật",
    "39/2013/QH13",
    date(2013, 11, 16),
    "sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
    confidence="R",
)
# Luật 06/2022/QH15, passed 15/6/2022, in force 01/01/2024 [V, LAW.md row L].
LAW_2022 = Act("Luật", "06/2022/QH15", date(2022, 6, 15), "Thi đua, khen thưởng", confidence="V")

# Nghị định 91/2017/NĐ-CP ngày 31/7/2017 [R: number V2 in LAW.md, date recalled].
DECREE_91 = Act(
    "Nghị định",
    "91/2017/NĐ-CP",
    date(2017, 7, 31),
    "của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
    confidence="R",
)
# Nghị định 98/2023/NĐ-CP ngày 31/12/2023 [V2, LAW.md row ND98].
DECREE_98 = Act(
    "Nghị định",
    "98/2023/NĐ-CP",
    date(2023, 12, 31),
    "của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
    confidence="V2",
)
# Nghị định 152/2025/NĐ-CP ngày 14/6/2025, in force 01/07/2025 [V2, LAW.md row ND152]; the title as
# the decision form has printed it since 2025.
DECREE_152 = Act(
    "Nghị định",
    "152/2025/NĐ-CP",
    date(2025, 6, 14),
    "của Chính phủ quy định chi tiết và hướng dẫn thi hành Luật Thi đua, khen thưởng",
    confidence="V2",
)

# Circulars of Bộ Nội vụ, each cited from the day it took effect to the day it was replaced.
# TT 12/2019/TT-BNV ngày 04/11/2019 detailed Nghị định 91/2017 [R]; cited from its issue date (its
# effective date is not verified) and it lapsed with that decree.
# TT 01/2024/TT-BNV detailed the 2022 Law [R]; its date is not verified (not printed) and its start
# is taken as 01/03/2024 [R]. TT 15/2025/TT-BNV replaced it; the start 05/08/2025 comes from an
# application's repository [R, LAW.md §I]. Between 01/07/2025 and then TT 01/2024 still applied.
CIRCULAR_12_2019 = Act(
    "Thông tư",
    "12/2019/TT-BNV",
    date(2019, 11, 4),
    "của Bộ trưởng Bộ Nội vụ quy định chi tiết thi hành một số điều của Nghị định số 91/2017/NĐ-CP",
    in_force_from=date(2019, 11, 4),
    in_force_to=date(2023, 12, 31),
)
CIRCULAR_01_2024 = Act(
    "Thông tư",
    "01/2024/TT-BNV",
    None,
    "của Bộ trưởng Bộ Nội vụ quy định chi tiết một số điều của Luật Thi đua, khen thưởng",
    in_force_from=date(2024, 3, 1),
    in_force_to=date(2025, 8, 4),
)
CIRCULAR_15_2025 = Act(
    "Thông tư",
    "15/2025/TT-BNV",
    None,
    "của Bộ trưởng Bộ Nội vụ hướng dẫn thực hiện công tác thi đua, khen thưởng",
    in_force_from=date(2025, 8, 5),
)
CIRCULARS = (CIRCULAR_12_2019, CIRCULAR_01_2024, CIRCULAR_15_2025)

# The law on the organisation of local government, cited first by a province's decision. 2015 law
# as amended 2019 [R, the usual wording]; Luật 65/2025/QH15 ngày 19/02/2025 in force 01/03/2025 [R];
# Luật 72/2025/QH15 ngày 16/6/2025 for the two-tier local government, cited from 01/07/2025 (the
# rule book's 2025 regime) [V2, LAW.md §I].
LOCAL_GOVERNMENT_LAWS = (
    Act(
        "Luật",
        "",
        None,
        "Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ sung một số điều "
        "của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019",
        in_force_to=date(2025, 2, 28),
    ),
    Act(
        "Luật",
        "65/2025/QH15",
        date(2025, 2, 19),
        "Tổ chức chính quyền địa phương",
        in_force_from=date(2025, 3, 1),
        in_force_to=date(2025, 6, 30),
    ),
    Act(
        "Luật",
        "72/2025/QH15",
        date(2025, 6, 16),
        "Tổ chức chính quyền địa phương",
        in_force_from=date(2025, 7, 1),
        confidence="V2",
    ),
)

# Each national regime of the rule book: its laws and its decree.
_REGIME_ACTS: dict[str, tuple[tuple[Act, ...], Act]] = {
    "2013": ((LAW_2003, LAW_2005, LAW_2013), DECREE_91),
    "2024": ((LAW_2022,), DECREE_98),
    "2025": ((LAW_2022,), DECREE_152),
}


@dataclass(frozen=True)
class LegalBases:
    """What a document dated ``day`` cites."""

    day: date
    regime: str
    laws: tuple[Act, ...]
    decree: Act
    circulars: tuple[Act, ...]
    local_government_law: Act

    def law_line(self) -> str:
        if self.regime == "2013":
            # One line, as the decisions of the time printed it.
            law, *amendments = self.laws
            dates = " và ".join(f"ngày {day_text(a.issued)}" for a in amendments if a.issued)
            return (
                f"Căn cứ Luật {law.title} ngày {day_text(law.issued)}; Luật sửa đổi, bổ sung một số điều của "
                f"Luật {law.title} {dates};"
            )
        return f"Căn cứ {self.laws[0].citation()};"

    def lines(self, *, province: bool = False, issuer_name: str = "") -> list[str]:
        """The "Căn cứ …;" lines of a decision, the issuer's own act first.

        ``province``: the provincial People's Committee cites the local-government law; another
        issuer cites the act on its functions (``issuer_name``).
        """
        first = (
            f"Căn cứ {self.local_government_law.citation()};"
            if province
            else f"Căn cứ văn bản quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {issuer_name};"
        )
        return [
            first,
            self.law_line(),
            f"Căn cứ {self.decree.citation()};",
            *(f"Căn cứ {circular.citation()};" for circular in self.circulars),
        ]

    @property
    def reward_decree(self) -> str:
        """The decree the reward-money article names: "Nghị định số 98/2023/NĐ-CP"."""
        return self.decree.short


def legal_bases_on(day: date, *, book: RuleBook = NATIONAL) -> LegalBases:
    """The acts in force on ``day`` (the document's date; today for a draft without one)."""
    regime = book.select(day).regime
    laws, decree = _REGIME_ACTS[regime]
    local = next(act for act in LOCAL_GOVERNMENT_LAWS if act.in_force(day))
    return LegalBases(
        day=day,
        regime=regime,
        laws=laws,
        decree=decree,
        circulars=tuple(c for c in CIRCULARS if c.in_force(day)),
        local_government_law=local,
    )
