"""WCAG 2.1 AA and phone width on the pages people use every day (issue 11, point 8).

axe-core (vendored in tests/e2e/vendor/, see the README there) runs over each page as the demo
role that works on it, and the test fails on any serious or critical finding. A second test loads
the same pages 390 px wide (a phone) and fails when the page itself scrolls sideways; wide tables
must scroll inside their own box. Screenshots of both go to test-artifacts/."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.awards.models import Awardee, CommendationRound, Decision, Dossier
from tdkt.movements.models import Movement
from tdkt.organizations.models import Organization
from tdkt.scoring.models import ScoreSheet, ScoringRound
from tdkt.scoring.services.sheets import sheet_start

from .conftest import ARTIFACTS
from .test_foundation_journey import _login
from .test_movement_journey import PLAN, _demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SEVERE = {"serious", "critical"}


def _pages() -> list[tuple[str | None, str, str]]:
    """(demo account or None for the public, page name, path), grouped by account."""
    # The 2022 block plan (seed 000), which the block head runs.
    movement_plan = Movement.objects.get(title=PLAN)
    # The province-wide plan with nine report milestones: the widest report matrix of the demo.
    most_milestones = max(Movement.objects.all(), key=lambda m: m.milestones.count())
    scoring_round = ScoringRound.objects.order_by("pk").first()
    # Sở Tài chính's own sheet, a draft the unit officer fills in (the round open a week more).
    ScoringRound.objects.filter(pk=scoring_round.pk).update(
        self_deadline=timezone.localdate() + datetime.timedelta(days=7)
    )
    scoring_round.refresh_from_db()
    stc = Organization.objects.get(code="QT-STC")
    canbo = User.objects.get(username="canbo")
    own_sheet = ScoreSheet.objects.filter(round=scoring_round, organization=stc).first() or sheet_start(
        actor=canbo, scoring_round=scoring_round, organization=stc
    )
    head_unit = Organization.objects.get(code="QT-VPUBND")  # the block head's unit, which reviews
    reviewed_sheet = ScoreSheet.objects.exclude(pk=own_sheet.pk).exclude(organization=head_unit).order_by("pk").first()
    dossier = Dossier.objects.order_by("pk").first()
    draft = _draft_dossier(canbo, stc)
    decision = Decision.objects.order_by("pk").first()
    awardee = Awardee.objects.filter(decision=decision).order_by("pk").first()
    pages = [
        (None, "login", reverse("login")),
        (None, "public-home", reverse("public:home")),
        (None, "public-decision", reverse("public:decision", args=[decision.pk])),
        (None, "public-verify", reverse("public:verify", args=[awardee.token])),
        ("thuongtruc", "home-office", reverse("home")),
        ("thuongtruc", "people", reverse("organizations:people")),
        ("thuongtruc", "candidates", reverse("rules:candidates")),
        ("thuongtruc", "movement", reverse("movements:detail", args=[most_milestones.pk])),
        ("thuongtruc", "movement-reports", reverse("movements:reports", args=[most_milestones.pk])),
        ("thuongtruc", "dossier-list", reverse("awards:dossiers")),
        ("thuongtruc", "dossier", reverse("awards:dossier", args=[dossier.pk])),
        ("thuongtruc", "movement-list", reverse("movements:list")),
        ("thuongtruc", "commendation-rounds", reverse("awards:rounds")),
        ("thuongtruc", "notifications", "/notifications/"),  # the app that owns it is being moved
        ("thuongtruc", "deadlines", reverse("movements:calendar")),
        ("truongkhoi", "home-block-head", reverse("home")),
        ("truongkhoi", "movement-block", reverse("movements:detail", args=[movement_plan.pk])),
        ("truongkhoi", "movement-block-reports", reverse("movements:reports", args=[movement_plan.pk])),
        ("truongkhoi", "registrations", reverse("movements:registrations", args=[movement_plan.pk])),
        ("truongkhoi", "covenant", reverse("movements:covenant", args=[movement_plan.pk])),
        ("truongkhoi", "block", reverse("organizations:block", args=[movement_plan.block_id])),
        ("truongkhoi", "scoring-rounds", reverse("scoring:rounds")),
        ("truongkhoi", "scoring-round", reverse("scoring:round", args=[scoring_round.pk])),
        ("truongkhoi", "score-sheet-review", reverse("scoring:sheet", args=[reviewed_sheet.pk])),
        # The head's own review of another member's sheet (the boxes a reviewer fills in).
        ("truongkhoi", "score-review", reverse("scoring:review", args=[reviewed_sheet.pk, head_unit.pk])),
        ("canbo", "home-unit", reverse("home")),
        ("canbo", "score-sheet", reverse("scoring:sheet", args=[own_sheet.pk])),
        ("canbo", "dossier-list-unit", reverse("awards:dossiers")),
        ("thuongtruc", "law-catalogue", reverse("awards:law_catalogue")),
        ("thuongtruc", "award-funds", reverse("awards:funds")),
        ("canbo", "yearend-votes", reverse("titles:votes")),
        ("thuongtruc", "search", reverse("search:search") + "?q=312"),
        ("thuongtruc", "statistics", reverse("stats:stats")),
        ("thuongtruc", "tt02-forms", reverse("reports:index")),
        ("thuongtruc", "tt02-0603", reverse("reports:form", args=["0603"])),
        ("truongkhoi", "milestone-summary", reverse("movements:milestone_summary", args=[
            movement_plan.pk, movement_plan.milestones.order_by("report_deadline").first().pk])),
        ("canbo", "yearend-vote", reverse("titles:vote", args=[_yearend_vote(canbo, stc).pk])),
    ]
    if draft is not None:
        pages.append(("canbo", "dossier-draft", reverse("awards:dossier", args=[draft.pk])))
    pages.append(("canbo", "report-submit", reverse(
        "movements:report_submit", args=[most_milestones.pk, most_milestones.milestones.order_by("pk").first().pk]
    )))
    return pages


def _yearend_vote(officer, unit):
    """Sở Tài chính's year-end vote on last year's titles: the list and the tally form."""
    from tdkt.titles.services import yearend_open

    return yearend_open(actor=officer, organization=unit, year=timezone.localdate().year - 1)


def _draft_dossier(officer, unit):
    """A dossier Sở Tài chính is still preparing, if the demo has a round open to it."""
    from tdkt.awards.services.dossiers import dossier_create

    for commendation_round in CommendationRound.objects.order_by("pk"):
        if commendation_round.is_open and unit.path.startswith(commendation_round.authority.path):
            return dossier_create(actor=officer, round=commendation_round, organization=unit,
                                  title="Tờ trình đề nghị khen thưởng (kiểm tra khả năng tiếp cận)")
    return None


def _visit(browser, base, pages, *, viewport, check):
    """Open every page as its account in one context per account; `check(page, name)` each."""
    found, broken = {}, []
    account = object()
    context = None
    for username, name, path in pages:
        if username != account:
            if context is not None:
                context.close()
            context = browser.new_context(locale="vi-VN", viewport=viewport, bypass_csp=True)
            page = context.new_page()
            if username:
                _login(page, base, username)
            account = username
        response = page.goto(base + path)
        if response.status != 200:  # reported after the other pages have been checked
            broken.append(f"{name} ({path}) answered {response.status}")
            continue
        page.wait_for_load_state("networkidle")
        found[name] = check(page, name)
    context.close()
    return found, broken


# The outermost elements that stick out past the phone's width, outside any box that scrolls or clips
# them, name the cause in the failure message.
STICKING_OUT = """(limit) => {
    const boxed = (el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== 'visible') return true;
        }
        return false;
    };
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
        if (el.getBoundingClientRect().right > limit + 1 && !boxed(el) && !out.some(o => o.contains(el))) out.push(el);
    }
    const css = (el) => typeof el.className === 'string' && el.className.trim()
        ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    return out.slice(0, 5).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + css(el) +
        ' → ' + Math.round(el.getBoundingClientRect().right) + 'px');
}"""


# A select narrower than its longest option cuts it ("Hoàn tấ"): a short option (a status, a year, a
# kind: up to 240 px of text, measured in the select's own font) must fit between its paddings (the
# right one holds the arrow). A long organisation or round name may end in an ellipsis on a phone.
CLIPPED_SELECTS = """() => {
    const canvas = document.createElement('canvas').getContext('2d');
    const out = [];
    for (const select of document.querySelectorAll('select')) {
        if (!select.offsetParent || select.multiple) continue;
        const style = getComputedStyle(select);
        canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        for (const option of select.options) {
            const width = canvas.measureText(option.text).width;
            if (width > room + 1 && width <= 240) {
                out.push(`${select.name || select.id}: “${option.text}” in ${Math.round(room)}px`);
                break;
            }
        }
    }
    return out;
}"""


def _axe(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "targets": [n["target"] for n in v["nodes"]],
         "why": " ".join(v["nodes"][0]["failureSummary"].split())[:240]}
        for v in result["violations"]
    ]


def _axe_report(found: dict[str, list], where: str) -> list[str]:
    """Print every finding with the figures; answer the serious and critical ones."""
    severe, lines = [], []
    for name, violations in found.items():
        for v in violations:
            line = f"{name}: {v['impact']} {v['id']} ×{len(v['targets'])}: {v['targets'][:5]} — {v['why']}"
            lines.append(line)
            if v["impact"] in SEVERE:
                severe.append((name, v, line))
    print(f"axe-core ({where}): {len({v['id'] for _, v, _ in severe})} serious/critical rules, "
          f"{sum(len(v['targets']) for _, v, _ in severe)} elements over "
          f"{len({name for name, _, _ in severe})} of {len(found)} pages")
    print("\n".join(lines))
    return [line for _, _, line in severe]


def test_axe_finds_no_serious_or_critical_violation(live_server, browser):
    _demo()
    pages = _pages()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    clipped = []

    def check(page, name):
        page.screenshot(path=str(ARTIFACTS / f"a11y-desktop-{name}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        culprits = page.evaluate(STICKING_OUT, DESKTOP["width"]) if width > DESKTOP["width"] else []
        clipped.extend(f"{name}: {box}" for box in page.evaluate(CLIPPED_SELECTS))
        return width, culprits, _axe(page)

    found, broken = _visit(browser, live_server.url, pages, viewport=DESKTOP, check=check)
    severe = _axe_report({name: violations for name, (_, _, violations) in found.items()}, "1366 px")
    wide = [f"{name}: {width}px wide: {culprits}" for name, (width, culprits, _) in found.items()
            if width > DESKTOP["width"]]
    assert not broken, broken
    assert not severe, "\n".join(severe)
    assert not wide, "\n".join(wide)  # e.g. the menu with a long name and both counts
    assert not clipped, clipped


def test_no_page_scrolls_sideways_on_a_phone(live_server, browser):
    """390 px wide: no sideways scrolling, and axe again (the collapsed menu, stacked tables)."""
    _demo()
    pages = _pages()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    clipped = []

    def check(page, name):
        page.screenshot(path=str(ARTIFACTS / f"a11y-phone-{name}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        culprits = page.evaluate(STICKING_OUT, PHONE["width"]) if width > PHONE["width"] else []
        clipped.extend(f"{name}: {box}" for box in page.evaluate(CLIPPED_SELECTS))
        return width, culprits, _axe(page)

    found, broken = _visit(browser, live_server.url, pages, viewport=PHONE, check=check)
    print({name: width for name, (width, _, _) in found.items()})
    wide = [f"{name}: {width}px wide: {culprits}" for name, (width, culprits, _) in found.items()
            if width > PHONE["width"]]
    severe = _axe_report({name: violations for name, (_, _, violations) in found.items()}, "390 px")
    assert not broken, broken
    assert not wide, "\n".join(wide)
    assert not severe, "\n".join(severe)
    assert not clipped, clipped


def test_selects_fit_their_options_and_the_skip_link_shows(live_server, browser):
    """The work program's status box shows "Hoàn tất" whole; Tab first reaches a visible skip link."""
    _demo()
    movement = Movement.objects.get(title=PLAN)
    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    _login(page, live_server.url, "truongkhoi")
    page.goto(live_server.url + reverse("movements:detail", args=[movement.pk]))
    assert page.locator('#work-program select[name="status"]').count() > 0
    assert page.evaluate(CLIPPED_SELECTS) == []

    page.keyboard.press("Tab")
    skip = page.locator(".tdkt-skip-link")
    assert page.evaluate("document.activeElement.classList.contains('tdkt-skip-link')")
    box = skip.bounding_box()
    assert box["width"] > 50, box
    assert box["height"] > 20, box
    assert box["y"] >= 0, box
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "a11y-skip-link.png"))
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()


def test_file_box_is_labelled_in_vietnamese_and_works_without_javascript(live_server, browser, tmp_path):
    """The report's file box: its own button opens the picker and the report is sent, with scripts off;
    with scripts on the chosen file's name shows beside the button."""
    from django.utils import translation

    from tdkt.movements.models import ReportSubmission

    from .test_movement_journey import PDF

    _demo()
    movement = max(Movement.objects.all(), key=lambda m: m.milestones.count())
    stc = Organization.objects.get(code="QT-STC")
    # The first milestone Sở Tài chính has not reported on yet (the demo records the earlier years' reports).
    milestone = movement.milestones.exclude(submissions__organization=stc).order_by("pk").first()
    url = live_server.url + reverse("movements:report_submit", args=[movement.pk, milestone.pk]) + f"?org={stc.pk}"
    report = tmp_path / "bao-cao-so-ket.pdf"
    report.write_bytes(PDF)
    with translation.override("vi"):
        choose, nothing = translation.gettext("Choose a file"), translation.gettext("No file chosen")

    context = browser.new_context(locale="en-US", viewport=PHONE)  # an English browser: still Vietnamese
    page = context.new_page()
    _login(page, live_server.url, "canbo")
    page.goto(url)
    button = page.locator(".tdkt-file-button")
    assert button.inner_text().strip() == choose
    assert page.locator(".tdkt-file-name").inner_text().strip() == nothing
    page.get_by_label("Tệp báo cáo").set_input_files(str(report))
    assert page.locator(".tdkt-file-name").inner_text().strip() == "bao-cao-so-ket.pdf"
    context.close()

    context = browser.new_context(locale="vi-VN", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    _login(page, live_server.url, "canbo")
    page.goto(url)
    with page.expect_file_chooser() as chooser:
        page.locator(".tdkt-file-button").click()
    chooser.value.set_files(str(report))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert ReportSubmission.objects.filter(
        milestone=milestone, organization=stc, original_name="bao-cao-so-ket.pdf"
    ).exists(), page.locator("main").inner_text()[:1000]
    context.close()
