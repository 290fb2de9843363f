from django.db import models
from django.utils.translation import gettext_lazy as _


class TokenAccess(models.TextChoices):
    READ = "read", _("Read only")
    READ_WRITE = "read_write", _("Read and write")
