"""Certificates (Bằng khen, Giấy khen, giấy chứng nhận danh hiệu) of a decision as one PDF: one A4
landscape page per awardee in the decree's layout (LAW.md §G2; NĐ 98/2023 Art. 104): quốc hiệu and
tiêu ngữ, the issuer's title in red, "TẶNG", the award's name in red, the awardee, their post or unit
and achievement; bottom left the decision's number and date, the golden-book number and a QR code
that opens the public verification page (printed in words under it too); bottom right place and
date, the signer's title and name.

Rendered from the Django template ``awards/certificate.html`` with WeasyPrint (Pango lays out the
Vietnamese text with the server's Times-compatible fonts: Liberation Serif or Noto Serif)."""

import textwrap

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from tdkt.documents.generation import clean, lines, lower_first, upper_vi

from .documents import decision_context

ACHIEVEMENT_MAX = 260

CSS = """
@page { size: A4 landscape; margin: 9mm; }
html { font-family: "Times New Roman", "Liberation Serif", "Noto Serif", serif; color: #111; }
body { margin: 0; }
.page { page-break-after: always; height: 190mm; border: 2.2mm double #b8860b; padding: 7mm 14mm 5mm;
        box-sizing: border-box; position: relative; text-align: center; }
.page:last-child { page-break-after: auto; }
.motto { font-weight: bold; font-size: 14pt; margin: 0; }
.motto-2 { font-weight: bold; font-size: 15pt; margin: 0.5mm 0 0; }
.motto-2 span { border-bottom: 0.3mm solid #111; }
.issuer { color: #c00000; font-weight: bold; font-size: 19pt; margin: 8mm 0 0; }
.give { font-weight: bold; font-size: 16pt; margin: 4mm 0 0; letter-spacing: 1pt; }
.award { color: #c00000; font-weight: bold; font-size: 40pt; margin: 1mm 0 0; letter-spacing: 2pt; }
.name { font-weight: bold; font-size: 24pt; margin: 4mm 0 0; }
.where { font-size: 16pt; margin: 1.5mm 0 0; }
.achievement { font-style: italic; font-size: 16pt; margin: 3mm 20mm 0; }
.foot { position: absolute; left: 14mm; right: 14mm; bottom: 6mm; height: 46mm; }
.left { position: absolute; left: 0; bottom: 0; width: 120mm; text-align: left; font-size: 12pt; }
.left p { margin: 0 0 0.8mm; }
.qr { margin-top: 1.5mm; height: 22mm; }
.qr img { float: left; width: 22mm; height: 22mm; margin-right: 3mm; }
.qr .url { display: block; padding-top: 17mm; font-size: 6pt; color: #333; }
.right { position: absolute; right: 0; bottom: 0; width: 110mm; text-align: center; font-size: 14pt; }
.right p { margin: 0; }
.date { font-style: italic; }
.title { font-weight: bold; }
.signer { font-weight: bold; margin-top: 20mm !important; }
"""


def site_url() -> str:
    return (getattr(settings, "TDKT_SITE_URL", "") or "http://127.0.0.1:8000").rstrip("/")


def verify_url(awardee) -> str:
    """The absolute address of the public check page of this certificate (the QR code's content)."""
    return site_url() + reverse("public:verify", args=[awardee.token])


def qr_data_uri(url: str) -> str:
    """The QR code as a PNG data URI: a raster image is far quicker for WeasyPrint to draw than an
    SVG of hundreds of modules (1,000 certificates: ~4 times quicker with no flex layout)."""
    return segno.make(url, error="m").png_data_uri(scale=6, border=0)


def _achievement(nominee, default: str) -> str:
    text = " ".join(lines(nominee.achievement)) if nominee is not None else ""
    if not text:
        return default
    if not text.lower().startswith("đã có thành tích"):
        text = f"Đã có thành tích {lower_first(text)}"
    text = textwrap.shorten(text, ACHIEVEMENT_MAX, placeholder=" …")
    return text if text[-1] in ".…!" else f"{text}."


def _honorific(awardee) -> str:
    person = getattr(awardee.nominee, "person", None)
    if awardee.is_collective or person is None:
        return ""
    return "Bà" if person.sex == "nu" else "Ông"


def certificate_pages(decision) -> tuple[dict, list[dict]]:
    ctx = decision_context(decision)
    default = f"Đã {ctx['achievement'].removeprefix('đã ')}."
    pages = []
    for awardee in decision.awardees.select_related("award", "nominee__person").order_by("golden_book_number"):
        form = awardee.award
        where = ", ".join(part for part in (clean(awardee.position), clean(awardee.organization_name)) if part)
        url = verify_url(awardee)
        pages.append({
            "issuer_title": upper_vi(form.decider_title) or ctx["authority"],
            "give": "TẶNG DANH HIỆU" if form.kind_is_title else "TẶNG",
            "award": upper_vi(form.name) if form.kind_is_title else upper_vi(form.certificate_title or form.name),
            "honorific": _honorific(awardee),
            "name": clean(awardee.name),
            "where": where,
            "achievement": _achievement(awardee.nominee, default),
            "book": awardee.golden_book_number,
            "url": url,
            "qr": qr_data_uri(url),
        })
    return ctx, pages


def certificates_html(decision) -> str:
    ctx, pages = certificate_pages(decision)
    return render_to_string("awards/certificate.html", {"d": ctx, "pages": pages})


def certificates_pdf(decision) -> bytes:
    """All the decision's certificates as one PDF (A4 landscape, one page per awardee)."""
    from weasyprint import CSS as WeasyCSS
    from weasyprint import HTML

    return HTML(string=certificates_html(decision), base_url=site_url()).write_pdf(
        stylesheets=[WeasyCSS(string=CSS)]
    )
