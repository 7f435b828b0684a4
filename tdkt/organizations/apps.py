from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "tdkt.organizations"
    label = "organizations"
    verbose_name = "Tổ chức"
