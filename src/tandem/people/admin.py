from django.contrib import admin

from .models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "institution", "is_staff", "is_demo"]
    search_fields = ["email", "name"]
