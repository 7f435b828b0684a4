"""The project's routes plus the documents app's, until the lead mounts it in config/urls.py."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = list(project_urlpatterns)
if not any(getattr(p, "namespace", None) == "documents" for p in urlpatterns):
    urlpatterns.append(path("", include("tdkt.documents.urls")))
