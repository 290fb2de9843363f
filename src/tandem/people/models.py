"""People: one account per person, identified by e-mail address."""

from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
    _user_has_module_perms,
    _user_has_perm,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    institution = models.ForeignKey(
        "programmes.Institution",
        verbose_name=_("institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Berlin")
    # Demo accounts may skip the second factor on a development install only
    # (see settings.TANDEM_DEMO_SKIPS_MFA); a production install never honours it.
    is_demo = models.BooleanField(default=False, editable=False)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "email"]

    def __str__(self):
        return self.name or self.email

    # A superuser passes every permission check of every organisation, but only in a
    # session that used the second factor: core.middleware.SessionSecurityMiddleware sets
    # this to False for other sessions, and the account then counts as a plain person.
    # Outside a request (shell, commands) the powers hold.
    superuser_powers = True

    def has_perm(self, perm, obj=None):
        if self.is_active and self.is_superuser and not self.superuser_powers:
            return _user_has_perm(self, perm, obj)
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label):
        if self.is_active and self.is_superuser and not self.superuser_powers:
            return _user_has_module_perms(self, app_label)
        return super().has_module_perms(app_label)

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email

    @property
    def profile_complete(self) -> bool:
        return bool(self.name and self.institution_id)
