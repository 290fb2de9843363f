from django.contrib.admin.apps import AdminConfig


class TandemAdminConfig(AdminConfig):
    """Django's admin with our site: login through allauth, a second factor required."""

    default_site = "tandem.core.admin_site.TandemAdminSite"
