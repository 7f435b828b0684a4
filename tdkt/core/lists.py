"""List pages: paging that keeps the filters in the links."""

from django.core.paginator import Paginator


def paginate(request, queryset, *, per_page: int = 50, paginator_class: type[Paginator] = Paginator) -> dict:
    paginator = paginator_class(queryset, per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return {"page_obj": page_obj, "querystring_without_page": f"{encoded}&" if encoded else ""}


def int_param(value, *, digits: int = 18) -> int | None:
    """A number typed into an address or a form's hidden field, or None: ASCII digits only ("²"
    passes str.isdigit() and then fails int()) and at most `digits` of them (SQLite and bigint
    hold 18), so that neither is a 500."""
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= digits else None


def wants_xlsx(request) -> bool:
    return request.GET.get("format") == "xlsx"


def safe_next(request, default: str) -> str:
    """The "next" address from a form, only when it stays on this site (no open redirect)."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default
