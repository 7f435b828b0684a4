"""The public pages (no login): notices while they run, published decisions with their awardees,
an accent-free search over awardees and decisions, and the check of a certificate's QR code.

Only what was published, and of a person only the name, position and organisation: the notice
builds plain dicts of those fields (never a Person), the decision pages show the awardee rows, which
hold nothing else that is personal."""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tdkt.awards import selectors
from tdkt.awards.domain.workflow import State
from tdkt.awards.models import Appraisal, Awardee
from tdkt.core.domain.text import fold_vi, search_terms
from tdkt.core.lists import paginate

MAX_QUERY = 100
MATCHES_SHOWN = 20


def _public(view):
    return login_not_required(require_GET(view))


@_public
def public_home_view(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    decisions = selectors.public_decisions(query=query).annotate(awardee_count=Count("awardees"))
    if query:
        folded = search_terms(query)
        matched = Awardee.objects.select_related("award").order_by("golden_book_number")
        for term in folded:
            matched = matched.filter(search_text__contains=term)
        decisions = decisions.prefetch_related(Prefetch("awardees", queryset=matched, to_attr="matched"))
    page = paginate(request, decisions, per_page=20)
    notices = selectors.public_notices().order_by("notice_until", "pk")
    return render(request, "public/home.html", {
        "q": query, "folded": fold_vi(query), "notices": notices, "matches_shown": MATCHES_SHOWN, **page,
    })


def _nominee_row(nominee) -> dict:
    if nominee.person is not None:
        person = nominee.person
        return {"name": person.full_name, "position": person.position, "organization": person.organization.name,
                "collective": False, "award": nominee.awarded_form.name}
    collective = nominee.collective
    parent = collective.parent.name if collective.parent_id else ""
    return {"name": collective.name, "position": "", "organization": parent, "collective": True,
            "award": nominee.awarded_form.name}


@_public
def notice_view(request, pk):
    dossier = selectors.public_notices().filter(pk=pk, state=State.NOTICE).first()
    if dossier is None:
        raise Http404("Không có danh sách công khai này.")
    nominees = dossier.nominees.filter(appraisal__in=(Appraisal.ACCEPTED, Appraisal.CHANGED)).select_related(
        "person__organization", "collective__parent", "award", "final_award")
    return render(request, "public/notice.html", {
        "dossier": dossier, "authority": dossier.round.authority, "round": dossier.round,
        "rows": [_nominee_row(n) for n in nominees],
    })


@_public
def decision_view(request, pk):
    decision = selectors.public_decisions().filter(pk=pk).first()
    if decision is None:
        raise Http404("Không tìm thấy quyết định.")
    awardees = decision.awardees.select_related("award").order_by("golden_book_number")
    return render(request, "public/decision.html", {
        "decision": decision, "awardees": awardees, "revoked": decision.revoked_on is not None,
    })


@_public
def verify_view(request, token):
    awardee = selectors.public_awardee(token)
    return render(request, "public/verify.html", {
        "awardee": awardee, "decision": awardee.decision, "revoked": awardee.decision.revoked_on is not None,
    })



@_public
def demo_root_view(request):
    """The demo's root certificate (PEM), so anyone can check the demo's signed decisions against it.
    Only in the demo (TDKT_DEMO): elsewhere 404."""
    from django.conf import settings
    from django.http import HttpResponse

    from tdkt.signing.demo import demo_root_pem

    pem = demo_root_pem() if settings.TDKT_DEMO else None
    if pem is None:
        raise Http404
    response = HttpResponse(pem, content_type="application/x-pem-file")
    response["Content-Disposition"] = 'attachment; filename="demo-root.pem"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
