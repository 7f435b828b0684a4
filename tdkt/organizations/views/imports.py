from django.shortcuts import render


def import_list_view(request):
    return render(request, "organizations/imports.html", {})
