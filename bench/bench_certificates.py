"""Benchmark: a decision with 1,000 awardees — its DOCX (python-docx), its PDF (LibreOffice) and the
1,000 certificates (WeasyPrint, one A4 landscape page each with its QR code), rendered as the
background task does it (``certificate_batch_build``: fingerprint, render, keep the file), then
what every later download pays (the fingerprint check and opening the kept file).

    .venv/bin/python bench/bench_certificates.py [--awardees 1000]
    DATABASE_URL=postgres://postgres@127.0.0.1/tdkt bench/bench_certificates.py   # a throwaway test DB

The data are written straight with the ORM (a dossier awaiting its decision, 1,000 accepted nominees,
the decision and its awardees), so only the generation is timed. Prints seconds, pages, sizes and the
process's peak resident memory (resource.getrusage).
"""

import argparse
import datetime
import os
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

from bootstrap import ROOT, WORKDIR  # noqa: F401 - sets Django up; before any Django import
from django.conf import settings  # noqa: E402

settings.MEDIA_ROOT = WORKDIR / "media"  # the kept certificates go with the throwaway database

from throwaway import throwaway_database  # noqa: E402

from tdkt.awards.documents import decision_docx  # noqa: E402
from tdkt.awards.models import (  # noqa: E402
    Awardee,
    AwardForm,
    CertificateBatch,
    CommendationRound,
    Decision,
    Dossier,
    Nominee,
)
from tdkt.awards.services.certificates import certificate_batch_build, certificates_state  # noqa: E402
from tdkt.documents import generation  # noqa: E402
from tdkt.organizations.models import Organization, Person  # noqa: E402

FIRST = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Quốc", "Ngọc"]
LAST = ["Đạt", "Hoa", "Hà", "Sơn", "Tiến", "Lợi", "Nguyệt", "Ỷ", "Hưởng", "Yến", "Dũng", "Trị"]


def _org(code, name, parent=None, kind="department"):
    org = Organization.objects.create(code=code, name=name, kind=kind, level=kind, parent=parent)
    org.path = f"{parent.path if parent else '/'}{org.pk}/"
    org.depth = org.path.count("/") - 2
    org.save(update_fields=["path", "depth"])
    return org


def build(count: int) -> Decision:
    province = _org("P", "UBND tỉnh Quảng Trị", kind="province")
    home = _org("HOME", "Sở Nội vụ", province)
    units = [_org(f"U{i}", f"Phòng chuyên môn số {i}", home, kind="division") for i in range(20)]
    form = AwardForm.objects.create(
        code="GK_SNV", name="Giấy khen của Giám đốc Sở Nội vụ", certificate_title="GIẤY KHEN", record_code="GK",
        issuer=home, level="department", decider_title="GIÁM ĐỐC SỞ NỘI VỤ",
        coefficient_individual=Decimal("0.3"), coefficient_collective=Decimal("0.6"),
        effective_from=datetime.date(2024, 1, 1),
    )
    round_ = CommendationRound.objects.create(authority=home, kind="movement", year=2025, title=(
        "Phong trào thi đua chào mừng kỷ niệm 80 năm Ngày truyền thống ngành Tổ chức nhà nước"))
    dossier = Dossier.objects.create(round=round_, organization=home, title="Khen thưởng 80 năm",
                                     state="decided", proposal_number="123/TTr-VP")
    people = Person.objects.bulk_create(
        Person(organization=units[i % len(units)], sex="nu" if i % 2 else "nam", category="cong_chuc",
               full_name=f"{FIRST[i % 12]} {MIDDLE[i % 8]} {LAST[(i // 12) % 12]} {i}", position="Chuyên viên")
        for i in range(count)
    )
    nominees = Nominee.objects.bulk_create(
        Nominee(dossier=dossier, person=p, award=form, appraisal="accepted", position=i,
                achievement="Đã có thành tích xuất sắc trong phong trào thi đua chào mừng 80 năm ngành")
        for i, p in enumerate(people)
    )
    decision = Decision.objects.create(
        issuer=home, dossier=dossier, number=45, symbol="QĐ-SNV", year=2025, date=datetime.date(2025, 8, 20),
        subject="Về việc tặng Giấy khen của Giám đốc Sở Nội vụ", signer_name="Lê Minh Đạt",
        signer_title="GIÁM ĐỐC", legal_bases="Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;",
    )
    Awardee.objects.bulk_create(
        Awardee(decision=decision, nominee=n, award=form, name=p.full_name, position=p.position,
                organization_name=units[i % len(units)].name, golden_book_number=i + 1, amount=710_000)
        for i, (n, p) in enumerate(zip(nominees, people, strict=True))
    )
    return decision


def pages(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        out = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True, check=False).stdout
    return next((line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Pages")), "?")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--awardees", type=int, default=1000)
    parser.add_argument("--skip-pdf", action="store_true", help="without LibreOffice")
    args = parser.parse_args()
    with throwaway_database("certificates", WORKDIR) as vendor:
        start = time.perf_counter()
        decision = build(args.awardees)
        print(f"\n== {vendor}: a decision with {args.awardees} awardees (built in {time.perf_counter() - start:.1f} s;"
              f" load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs) ==")

        start = time.perf_counter()
        docx = decision_docx(decision)
        print(f"decision DOCX: {time.perf_counter() - start:6.1f} s, {len(docx) / 1024:.0f} KiB; "
              f"peak RSS {peak_mb():.0f} MB", flush=True)
        if not args.skip_pdf and generation.soffice_path():
            start = time.perf_counter()
            pdf = generation.docx_to_pdf(docx)
            print(f"decision PDF (LibreOffice): {time.perf_counter() - start:6.1f} s, {pages(pdf)} pages, "
                  f"{len(pdf) / 1024:.0f} KiB", flush=True)
        batch = CertificateBatch.objects.create(decision=decision)
        start = time.perf_counter()
        batch = certificate_batch_build(batch_id=batch.pk)  # what the background task runs
        elapsed = time.perf_counter() - start
        if batch.status != "ready":
            sys.exit(f"certificates failed: {batch.error}")
        with batch.file.open("rb") as handle:
            certificates = handle.read()
        print(f"certificates PDF (background task, WeasyPrint): {elapsed:6.1f} s, {pages(certificates)} pages "
              f"({elapsed / args.awardees * 1000:.0f} ms each), {len(certificates) / 1024 / 1024:.1f} MiB; "
              f"peak RSS {peak_mb():.0f} MB", flush=True)

        start = time.perf_counter()
        state = certificates_state(decision)
        with state.batch.file.open("rb") as handle:
            handle.read(1)
        print(f"later download (fingerprint check, kept file opened): {(time.perf_counter() - start) * 1000:.0f} ms,"
              f" status {state.status}")


if __name__ == "__main__":
    main()
