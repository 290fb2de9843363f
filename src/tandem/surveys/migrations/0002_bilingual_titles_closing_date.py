"""Titles and introductions in German and English; a closing date and reminder schedule.

What happens to existing titles and introductions: where a text is the template's own
wording (in either language), both languages get the template's wordings. Any other text
(one a coordinator wrote) goes into the language the survey was created in — the
language of its creator, as create_survey picked the template's wording — and the other
language stays empty: readers of the other language then see it too (the fallback), until
someone writes the translation. Nothing is lost, and nothing is shown as a translation
that is not one.
"""

from django.db import migrations, models

import tandem.surveys.models


def _split(apps, schema_editor):
    from tandem.surveys import catalogue

    Survey = apps.get_model("surveys", "Survey")
    for survey in Survey.objects.select_related("created_by"):
        template = catalogue.template(survey.kind) or {}
        language = getattr(survey.created_by, "language", "") or "de"
        source = "de" if language.startswith("de") else "en"
        for field in ("title", "intro"):
            text = getattr(survey, field)
            wordings = template.get(field) or {}
            if text and text in (wordings.get("de"), wordings.get("en")):
                setattr(survey, f"{field}_de", wordings.get("de") or text)
                setattr(survey, f"{field}_en", wordings.get("en") or text)
            else:
                setattr(survey, f"{field}_{source}", text)
        survey.save(update_fields=["title_de", "title_en", "intro_de", "intro_en"])


def _join(apps, schema_editor):
    Survey = apps.get_model("surveys", "Survey")
    for survey in Survey.objects.all():
        survey.title = survey.title_de or survey.title_en
        survey.intro = survey.intro_de or survey.intro_en
        survey.save(update_fields=["title", "intro"])


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="survey",
            name="title_de",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (German)"),
        ),
        migrations.AddField(
            model_name="survey",
            name="title_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (English)"),
        ),
        migrations.AddField(
            model_name="survey",
            name="intro_de",
            field=models.TextField(
                blank=True, max_length=2000, verbose_name="introduction (German)"
            ),
        ),
        migrations.AddField(
            model_name="survey",
            name="intro_en",
            field=models.TextField(
                blank=True, max_length=2000, verbose_name="introduction (English)"
            ),
        ),
        migrations.RunPython(_split, _join),
        migrations.RemoveField(model_name="survey", name="intro"),
        migrations.RemoveField(model_name="survey", name="title"),
        migrations.AddField(
            model_name="survey",
            name="closes_on",
            field=models.DateField(blank=True, null=True, verbose_name="answers until"),
        ),
        migrations.AddField(
            model_name="survey",
            name="reminded_for",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="survey",
            name="reminder_days",
            field=models.JSONField(
                blank=True,
                default=tandem.surveys.models.default_reminder_days,
                verbose_name="reminders (days before closing)",
            ),
        ),
    ]
