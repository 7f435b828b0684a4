"""List pages: paging that keeps the filters in the links."""

from django.core.paginator import Paginator


def paginate(request, queryset, *, per_page: int = 50) -> dict:
    paginator = Paginator(queryset, per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return {"page_obj": page_obj, "querystring_without_page": f"{encoded}&" if encoded else ""}


def wants_xlsx(request) -> bool:
    return request.GET.get("format") == "xlsx"
