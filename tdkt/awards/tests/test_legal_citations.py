"""Decisions cite the acts in force on their date (issue 13.5): the DOCX of a decision dated in
each regime, read back, names its decree and never another's; the decision form's default bases
follow the decision's date; the demo's 312/QĐ-SNV of 27/12/2024 cites Nghị định 98/2023."""

import ast
import datetime
import re
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

import tdkt.documents.generation as generation
from tdkt.awards.documents import decision_docx
from tdkt.awards.forms_decisions import DecisionForm, decision_initial, default_legal_bases
from tdkt.awards.models import Decision
from tdkt.core.demo.loader import load_demo
from tdkt.documents.tests.helpers import docx_text

from .test_documents import awaiting_dossier, docx_only, issue  # noqa: F401 (docx_only is a fixture)

DECREES = ("91/2017/NĐ-CP", "98/2023/NĐ-CP", "152/2025/NĐ-CP")


def cited(text: str) -> list[str]:
    return [decree for decree in DECREES if decree in text]


@pytest.mark.parametrize(
    ("day", "decree", "law"),
    [
        (datetime.date(2023, 12, 29), "91/2017/NĐ-CP", "Luật Thi đua, khen thưởng ngày 26/11/2003"),
        (datetime.date(2024, 12, 27), "98/2023/NĐ-CP", "Luật Thi đua, khen thưởng số 06/2022/QH15"),
        (datetime.date(2025, 6, 30), "98/2023/NĐ-CP", "Luật Thi đua, khen thưởng số 06/2022/QH15"),
        (datetime.date(2025, 7, 1), "152/2025/NĐ-CP", "Luật Thi đua, khen thưởng số 06/2022/QH15"),
        (datetime.date(2025, 8, 20), "152/2025/NĐ-CP", "Luật Thi đua, khen thưởng số 06/2022/QH15"),
    ],
)
def test_decision_docx_cites_the_decree_of_its_date(awards, docx_only, day, decree, law):  # noqa: F811
    issuer = awards.world.orgs["FIN"]
    decision = issue(awards, awaiting_dossier(awards), date=day, legal_bases=default_legal_bases(issuer, on=day))
    text = docx_text(decision_docx(decision))
    assert f"Căn cứ Nghị định số {decree} ngày" in text
    assert f"Tiền thưởng kèm theo thực hiện theo quy định tại Nghị định số {decree};" in text
    assert law in text
    assert cited(text) == [decree]


def test_typed_bases_stay_but_article_two_follows_the_date(awards, docx_only):  # noqa: F811
    """Bases the clerk typed are printed as typed; the reward-money article is the system's own text."""
    decision = issue(
        awards,
        awaiting_dossier(awards),
        date=datetime.date(2024, 12, 27),
        legal_bases="Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;\nCăn cứ Quy chế của Sở;",
    )
    text = docx_text(decision_docx(decision))
    assert "theo quy định tại Nghị định số 98/2023/NĐ-CP;" in text
    assert "152/2025" not in text


def form_data(initial, day):
    return {
        "date": day.strftime("%d/%m/%Y"),
        "symbol": "QĐ-STC",
        "subject": initial["subject"],
        "signer_name": "Hoàng Nam Tiến",
        "signer_title": "GIÁM ĐỐC",
        "legal_bases": initial["legal_bases"].replace("\n", "\r\n"),
        "recipients": initial["recipients"],
    }


def test_form_default_bases_follow_the_decision_date(awards):
    issuer = awards.world.orgs["FIN"]
    nominees = list(awaiting_dossier(awards).nominees.all())
    initial = decision_initial(issuer, nominees)
    assert initial["legal_bases"] == default_legal_bases(issuer, on=initial["date"])
    form = DecisionForm(form_data(initial, datetime.date(2024, 12, 27)), initial=initial, issuer=issuer)
    assert form.is_valid(), form.errors
    assert "Nghị định số 98/2023/NĐ-CP" in form.cleaned_data["legal_bases"]
    assert "152/2025" not in form.cleaned_data["legal_bases"]
    # Bases the clerk changed are theirs.
    typed = form_data(initial, datetime.date(2024, 12, 27)) | {"legal_bases": "Căn cứ Quy chế thi đua của Sở;"}
    form = DecisionForm(typed, initial=initial, issuer=issuer)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["legal_bases"] == "Căn cứ Quy chế thi đua của Sở;"


def test_demo_312_cites_decree_98_never_152(db):
    assert load_demo() is True
    decision = Decision.objects.get(number=312, symbol="QĐ-SNV")
    assert decision.date == datetime.date(2024, 12, 27)
    text = docx_text(decision_docx(decision))
    assert "Nghị định số 98/2023/NĐ-CP" in text
    assert "theo quy định tại Nghị định số 98/2023/NĐ-CP;" in text
    assert "152/2025" not in text


def printed_strings(source: str) -> str:
    """The string literals of a module, without docstrings and comments (which may name decrees)."""

    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return "\n".join(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    )


def test_no_generator_hard_codes_a_decree():
    """The code and templates that write documents name no decree themselves: a fixed number is
    right for one regime only. They ask tdkt.rules.domain.legal_bases for the document's date."""

    root = Path(__file__).resolve().parents[2]
    sources = [
        root / "awards" / "documents.py",
        root / "awards" / "certificates.py",
        root / "awards" / "forms_decisions.py",
        root / "scoring" / "export_docs.py",
        *(root / "documents").glob("*.py"),
    ]
    texts = {str(path): printed_strings(path.read_text(encoding="utf-8")) for path in sources}
    for template in (root / "documents" / "docx_templates").glob("*.docx"):
        with zipfile.ZipFile(template) as archive:
            texts[str(template)] = archive.read("word/document.xml").decode("utf-8")
    pattern = re.compile(r"91/2017|98/2023|152/2025|06/2022/QH15|15/2025/TT-BNV|01/2024/TT-BNV")
    found = {name: pattern.findall(text) for name, text in texts.items() if pattern.search(text)}
    assert found == {}


def test_page_issues_a_2024_decision_with_the_bases_of_2024(client, awards, monkeypatch):
    """Through the page and its confirmation: the default bases, left as shown (today's, 2025
    regime), are replaced by those of 27/12/2024 in the stored decision and its DOCX."""

    monkeypatch.setattr(generation, "docx_to_pdf", lambda data, **kw: b"%PDF-1.4 test\n%%EOF")
    issuer = awards.world.orgs["FIN"]
    dossier = awaiting_dossier(awards)
    client.force_login(awards.world.users["approver"])
    url = reverse("awards:decision_new", args=[dossier.pk]) + f"?issuer={issuer.pk}"
    initial = decision_initial(issuer, list(dossier.nominees.all()))
    assert "152/2025" in initial["legal_bases"]  # today is in the 2025 regime
    data = form_data(initial, datetime.date(2024, 12, 27)) | {"issuer": issuer.pk}
    assert client.post(url, data).status_code == 200  # the confirmation page
    assert client.post(url, data | {"confirmed": "1"}).status_code == 302
    decision = Decision.objects.get()
    assert decision.legal_bases == default_legal_bases(issuer, on=datetime.date(2024, 12, 27))
    text = docx_text(decision_docx(decision))
    assert cited(text) == ["98/2023/NĐ-CP"]
