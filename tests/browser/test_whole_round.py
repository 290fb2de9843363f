"""One whole round in a real browser, as the people of a round do it (issue 17).

A coordinator sets up a programme and a round and invites two mentors and a trainer, who
sign up through the links in their e-mails; the mentors fill their profiles (one is first
refused: no self-presentation and a text file as photo). Three people apply from the public
call (one is first refused: no expectations and no consent, in English and German), the
coordinator runs matching and sends the proposals; one mentor declines and a second run
finds another pair. A tandem confirms its agreement, picks a date by poll, writes an agenda
and notes; the trainer holds a training and a consultation; a survey is answered; the round
report is shown; certificates download; the next round is created from this one.

Everything happens through the pages. The database is only written for what no page offers:
the staff account the coordinator starts with. The application form takes no file (the
design asks for none), so the wrong file is tried on the mentor profile. The round takes
months; the server's clock travels on between the phases (``time_machine``) while the
browser keeps its own.

Every page the browser loads is kept and also fetched in the other language
(pages_seen.py); at the end axe-core checks each path, language and state once against
WCAG 2.1 A and AA (no violation of any impact) and one run of the Nu HTML Checker checks
all of them. Key pages are also checked with axe as they stand in the browser (after
scripts). The refused forms are refused in both languages. Screenshots go to the directory named by
``TANDEM_WHOLE_ROUND_ARTEFACTS`` (default ``test-artifacts/whole-round/``); with
``TANDEM_UPDATE_SCREENSHOTS=1`` a few of them are also written, optimised, to
``docs/screenshots/`` for the README.
"""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tandem.applications.enums import ApplicationState
from tandem.applications.models import Application
from tandem.programmes.enums import PhaseKind
from tandem.programmes.models import Round
from tandem.tandems.models import Tandem
from tests.browser.pages_seen import WCAG, PagesSeen
from tests.conftest import verified
from tests.factories import UserFactory
from tests.html_checker import JAVA, VNU, html_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = Path(
    os.environ.get("TANDEM_WHOLE_ROUND_ARTEFACTS", ROOT / "test-artifacts" / "whole-round")
)
DOCS_SCREENSHOTS = ROOT / "docs" / "screenshots"
# The pages the README shows (screenshot name → file under docs/screenshots/).
README_SHOTS = {
    "03-call": "call.png",
    "06-application-errors": "application-form-errors.png",
    "10-matching-run": "matching-run.png",
    "11-proposal": "proposal.png",
    "14-tandem": "tandem-workspace.png",
    "20-round-report": "round-report.png",
}
PASSWORD = "lange-sichere-phrase-7"
WIDTH = 1280


class Walk:
    """One browser page the people of the round take turns at, and the server's clock."""

    def __init__(self, live_server, browser):
        self.base = live_server.url
        self.browser = browser
        self.context = None
        self.page = None
        self.travellers = []
        self.secrets = {}  # e-mail → the TOTP secret the person's app holds
        self.seen = PagesSeen(self.base, ARTEFACTS / "pages")
        self.fresh_context()

    # --- the browser ---------------------------------------------------------

    def fresh_context(self):
        if self.context is not None:
            self.seen.settle(self.page)
            self.context.close()
        self.context = self.browser.new_context(
            locale="en-GB", viewport={"width": WIDTH, "height": 900}, reduced_motion="reduce"
        )
        self.seen.watch(self.context)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)

    def go(self, path):
        self.seen.settle(self.page)  # the last page's body is read before it is left
        response = self.page.goto(self.base + path)
        assert response.status == 200, (path, response.status)

    def click(self, role, name, **kwargs):
        self.seen.settle(self.page)
        self.page.get_by_role(role, name=name, **kwargs).click()

    def button(self, name, **kwargs):
        self.seen.settle(self.page)
        self.page.locator("main").get_by_role("button", name=name, **kwargs).click()

    def text(self, text):
        self.page.get_by_text(text).first.wait_for()

    def log_in(self, email):
        """A person's own browser: nobody else's cookies, then the login page."""
        self.fresh_context()
        self.go("/accounts/login/")
        self.page.locator("input[name=login]").fill(email)
        self.page.locator("input[name=password]").fill(PASSWORD)
        self.page.locator("main form button[type=submit]").click()
        if email in self.secrets:
            self.page.wait_for_url("**/accounts/2fa/authenticate/**")
            self.page.locator("input[name=code]").fill(self.totp(email))
            self.page.locator("main form button[type=submit]").first.click()
        self.page.wait_for_url("**/me/")

    def totp(self, email):
        counter = int(timezone.now().timestamp()) // 30
        return format_hotp_value(hotp_value(self.secrets[email], counter))

    # --- checks and pictures -------------------------------------------------

    def axe(self):
        results = Axe().run(self.page, options=WCAG)
        violations = results.response["violations"]
        assert not violations, (
            self.page.url,
            [(v["id"], v["impact"], v["nodes"][0]["html"][:200]) for v in violations],
        )

    def language(self, code):
        self.page.locator("#language-select").select_option(code)
        self.page.locator("#language-select ~ button[type=submit]").click()
        self.page.wait_for_function(f"document.documentElement.lang === '{code}'")

    def axe_both(self):
        """axe in English, then the page reloaded in German, then back to English.

        Switching reloads the page, so a page showing a refused form is checked in German
        by repeating the mistake there (see the application step)."""
        self.axe()
        self.language("de")
        self.axe()
        self.language("en")

    def shot(self, name):
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTEFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        if os.environ.get("TANDEM_UPDATE_SCREENSHOTS") == "1" and name in README_SHOTS:
            optimise(path, DOCS_SCREENSHOTS / README_SHOTS[name])

    # --- the clock -----------------------------------------------------------

    def later(self, when: dt.datetime):
        """Months pass: the server's clock moves on to ``when`` and keeps ticking.

        The pages already loaded are fetched in the other language first: after the jump
        their sessions have expired, and the fetch would meet the login page."""
        self.page.wait_for_load_state()
        self.seen.settle(self.page)
        traveller = time_machine.travel(when, tick=True)
        traveller.start()
        self.travellers.append(traveller)

    def close(self):
        self.seen.settle(self.page)
        self.context.close()
        for traveller in reversed(self.travellers):
            traveller.stop()

    # --- mail ----------------------------------------------------------------

    def link_in_mail(self, to, pattern=r"https?://[^/\s]+(/\S+)"):
        message = [m for m in mail.outbox if to in m.to][-1]
        return re.search(pattern, message.body).group(1)


def optimise(source: Path, target: Path, height: int = 1600) -> None:
    """A README picture: 1280 px wide, the top of the page, a palette PNG."""
    from PIL import Image

    target.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as image:
        image = image.convert("RGB")
        image = image.crop((0, 0, image.width, min(image.height, height)))
        image = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT)
        image.save(target, optimize=True)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), timezone.get_current_timezone())


def local_input(value: dt.datetime) -> str:
    """What a datetime-local field holds."""
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


# --- the steps ------------------------------------------------------------------


def sign_up_and_confirm(walk, name, email=None):
    """On a sign-up page: name, (address), password, then the link in the mail."""
    page = walk.page
    page.locator("input[name=name]").fill(name)
    if email is not None:
        page.locator("input[name=email]").fill(email)
    else:
        email = page.locator("input[name=email]").input_value()
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/confirm-email/")
    walk.go(walk.link_in_mail(email))
    page.locator("main form button[type=submit]").click()
    return email


def move_round_to(walk, round_path, phase):
    walk.go(round_path)
    walk.page.get_by_label("Current phase").select_option(phase)
    walk.button("Move round to this phase")
    walk.page.locator('[aria-current="step"]').get_by_text(str(PhaseKind(phase).label)).wait_for()


def send_proposals(walk, round_path):
    """On a run's page: send its proposals, then release the e-mails in the outbox."""
    walk.button("Send proposals")
    walk.text("were sent")
    walk.go(round_path + "mail/outbox/")
    walk.button("Send all drafts")


def answer_proposal(walk, email, answer, comment="", check=False):
    walk.log_in(email)
    walk.click("link", "A tandem proposal waits for your answer")
    walk.page.get_by_role("heading", name="Tandem proposal").wait_for()
    if check:
        walk.axe_both()
        walk.shot("11-proposal")
    label = "Yes, this fits" if answer == "accept" else "No, this does not fit"
    walk.page.get_by_label(label).check()
    if comment:
        walk.page.get_by_label("Comment").fill(comment)
    walk.button("Send answer")


def set_up_authenticator(walk, email):
    """The first visit to a page behind the second factor: an authenticator app is set up
    (the test plays the app: it reads the secret shown and computes the codes)."""
    page = walk.page
    page.wait_for_url(re.compile(r"/accounts/(2fa|reauthenticate)"))
    if "reauthenticate" in page.url:
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/2fa/totp/activate/**")
    walk.secrets[email] = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(walk.totp(email))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/recovery-codes/**")
    walk.click("link", re.compile("Continue where you were going"))


def vote(walk, *answers):
    """On a poll's page: one answer per suggested date, in their order."""
    page = walk.page
    names = page.locator("main input[type=radio][name^=answer_]").evaluate_all(
        "els => [...new Set(els.map(e => e.name))]"
    )
    for name, answer in zip(names, answers, strict=True):
        page.locator(f"main input[name={name}][value={answer}]").check()
    walk.button("Save my answers")


def test_a_whole_round(live_server, browser, settings):
    settings.TANDEM_DEMO_SKIPS_MFA = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for stale in ARTEFACTS.glob("failure.*"):
        stale.unlink()
    walk = Walk(live_server, browser)
    try:
        run_the_round(walk)
    except Exception:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        walk.page.screenshot(path=str(ARTEFACTS / "failure.png"), full_page=True)
        (ARTEFACTS / "failure.html").write_text(walk.page.content(), encoding="utf-8")
        raise
    finally:
        walk.close()
    check_every_page(walk.seen, browser)


def check_every_page(seen, browser):
    """axe and vnu over every page the walk loaded, in both languages (tests/browser/
    pages_seen.py): one list of what is wrong, page by page."""
    pages = seen.index()
    problems = seen.failures + seen.one_language_only() + seen.axe(browser)
    if JAVA is not None and VNU.exists():
        problems += html_errors(pages)
    print(f"{len(pages)} pages kept, {seen.axed} checked with axe")
    assert not problems, "\n".join(sorted(problems))
    if JAVA is None or not VNU.exists():
        pytest.skip(
            f"axe passed; vnu needs java and vnu.jar (`make vnu`): pages in {seen.directory}"
        )


def run_the_round(walk):
    page = walk.page
    # The one thing no page offers: the platform's staff account the coordinator uses
    # (marked as a demo account so the test needs no authenticator app for it).
    coordinator = verified(
        UserFactory(
            email="koordination@example.org",
            name="Katrin Albers",
            is_staff=True,
            is_demo=True,
            language="en",
        )
    )
    coordinator.set_password(PASSWORD)
    coordinator.save()

    # 1. Organisation, programme and round.
    walk.log_in(coordinator.email)
    page = walk.page
    walk.click("link", "Coordination")
    page.get_by_label("Name of the organisation").fill("Netzwerk Bibliometrie")
    walk.button("Create organisation")
    page.get_by_label("Name of the programme").fill("Peer-Mentoring OA")
    walk.button("Create programme")
    walk.click("link", "Create a round")
    page.get_by_label("Name of the round").fill("Round 2027")
    page.get_by_label("Publish the call and the mentor gallery").check()
    walk.button("Create round")
    page.get_by_role("heading", name="Round 2027").wait_for()
    programme_round = Round.objects.get(name="Round 2027")
    round_path = page.url.removeprefix(walk.base)
    walk.axe()
    walk.shot("01-round")
    phases = {phase.kind: phase for phase in programme_round.phases.all()}

    # 2. Mentor recruitment: two candidates, invited; a trainer gets the role by e-mail.
    move_round_to(walk, round_path, "recruitment")
    walk.click("link", "Mentor recruitment")
    for name, email, institution in [
        ("Mira Mentorin", "mira@example.org", "UB Lindenau"),
        ("Moritz Mentor", "moritz@example.org", "TIB Nordstadt"),
    ]:
        page.locator("input[name=name]").fill(name)
        page.locator("input[name=email]").fill(email)
        page.locator("input[name=institution]").fill(institution)
        page.locator("main select[name=language]").select_option("en")
        walk.button("Add candidate")
        page.get_by_role("link", name=name).wait_for()
    page.locator("input[name=candidates]").first.check()
    page.locator("input[name=candidates]").nth(1).check()
    walk.button("Invite selected candidates")
    page.get_by_role("heading", name="Invitations to review").first.wait_for()
    walk.axe()
    walk.button("Send all")
    walk.text("sent")

    walk.go(round_path)
    walk.click("link", "People and roles")
    page.get_by_label("Name of the person").fill("Tilda Trainerin")
    page.get_by_label("E-mail address of the person").fill("tilda@example.org")
    page.get_by_label("Role").select_option("trainer")
    page.get_by_label("Language of the invitation").select_option("en")
    walk.button(re.compile("Invite|Send"))
    walk.axe()
    trainer_link = walk.link_in_mail("tilda@example.org")

    # 3. The mentors sign up through their invitations and fill their profiles. Mira's
    # first try lacks her self-presentation and attaches a text file as her photo.
    mentors = [
        ("Mira Mentorin", "mira@example.org", "UB Lindenau", "university"),
        ("Moritz Mentor", "moritz@example.org", "TIB Nordstadt", "research_institute"),
    ]
    for number, (name, email, institution, kind) in enumerate(mentors):
        walk.fresh_context()
        page = walk.page
        walk.go(walk.link_in_mail(email))
        if not number:
            walk.axe()
        walk.button("Accept and create an account")
        page.wait_for_url("**/accounts/signup/**")
        sign_up_and_confirm(walk, name)
        page.wait_for_url("**/invitation/**")
        walk.button("Accept the invitation")
        page.wait_for_url("**/recruitment/profile/**")

        def fill_in(page=page):
            page.get_by_label("Publication monitoring").select_option(index=3)
            page.get_by_label("Bibliometric analysis").select_option(index=2)
            page.get_by_label("Mentees at most").fill("1")
            page.get_by_label("English", exact=True).check()
            page.get_by_label("German", exact=True).check()
            page.get_by_label("Show my profile in the mentor gallery").check()

        fill_in()
        if not number:
            # Refused in English, then the same mistake on the German page (a form with a
            # file cannot be sent again behind the browser's back, see pages_seen.py).
            for language in ("en", "de"):
                if language == "de":
                    walk.language("de")
                page.locator("main input[name=photo]").set_input_files(
                    {"name": "photo.png", "mimeType": "image/png", "buffer": b"not a picture"}
                )
                page.locator("main form button[type=submit]").filter(
                    has_text=re.compile("Save profile|Profil speichern")
                ).click()
                presentation = page.locator("main textarea[name=presentation]")
                presentation.and_(page.locator("[aria-invalid=true]")).wait_for()
                photo = page.locator("main input[name=photo]")
                assert photo.get_attribute("aria-invalid") == "true"
                walk.axe()
                if language == "en":
                    walk.shot("02-mentor-profile-errors")
            walk.language("en")
            fill_in()
        page.get_by_label("Self-presentation").fill(
            f"{name}: ten years of publication monitoring and bibliometric reports."
        )
        walk.button("Save profile")
        walk.text("saved")
        walk.go("/me/profile/")
        page.locator("main input[name=institution_name]").fill(institution)
        page.locator("main select[name=institution_type]").select_option(kind)
        page.locator("main select[name=institution_size]").select_option("medium")
        page.locator("main select[name=language]").select_option("en")
        walk.button("Save profile")
        walk.text("saved")

    # The trainer signs up through the link of the role invitation.
    walk.fresh_context()
    page = walk.page
    walk.go(trainer_link)
    walk.axe()
    walk.click("link", "Create an account")
    page.wait_for_url("**/accounts/signup/**")
    sign_up_and_confirm(walk, "Tilda Trainerin", "tilda@example.org")
    page.wait_for_url("**/role-invitation/**")
    walk.button("Accept the invitation")
    walk.text("trainer")

    # 4. Three months later the call is open: three people apply from the public call.
    walk.later(at(phases[PhaseKind.INFO_EVENT].starts_on, 9))
    walk.log_in(coordinator.email)
    move_round_to(walk, round_path, "info_event")
    walk.later(at(phases[PhaseKind.APPLICATIONS].starts_on + dt.timedelta(days=1), 9))
    walk.log_in(coordinator.email)
    move_round_to(walk, round_path, "applications")
    topics = dict(programme_round.programme.topics.values_list("key", "pk"))
    applicants = [
        ("Anna Adler", "anna@example.org", "Stadtbibliothek Neustadt"),
        ("Ben Berger", "ben@example.org", "Hochschulbibliothek Altdorf"),
        ("Clara Cohen", "clara@example.org", "Landesbibliothek Seestadt"),
    ]
    for number, (name, email, institution) in enumerate(applicants):
        walk.fresh_context()
        page = walk.page
        walk.go("/")
        walk.click("link", "Peer-Mentoring OA – Round 2027")
        page.get_by_role("heading", level=1, name="Peer-Mentoring OA").wait_for()
        if not number:
            walk.axe_both()
            walk.shot("03-call")
        walk.click("link", "Apply now")
        page.wait_for_url("**/accounts/signup/**")
        sign_up_and_confirm(walk, name, email)
        page.wait_for_url("**/me/profile/?next=*")
        page.locator("main input[name=institution_name]").fill(institution)
        page.locator("main select[name=institution_type]").select_option("other")
        page.locator("main select[name=institution_size]").select_option("small")
        page.locator("main select[name=language]").select_option("en")
        walk.button("Save profile and continue")
        page.get_by_role("heading", name="Apply as a mentee").wait_for()
        if not number:
            walk.shot("04-application")
        topic = str(topics["publication_monitoring" if number != 1 else "bibliometric_analysis"])

        def choose(page=page, topic=topic):
            page.locator("main select[name=topic_1]").select_option(topic)
            page.locator("main input[name=languages][value=en]").check()
            page.locator("input[name=supervisor_informed][value=yes]").check()

        choose()
        if number == 2:
            # Clara forgets what she expects and the consent: refused, messages at the fields
            # (in English, then the same mistake on the German page).
            for language in ("en", "de"):
                if language == "de":
                    walk.language("de")
                    choose()
                page.locator("main button[value=submit]").click()
                expectations = page.locator("main textarea[name=expectations]")
                expectations.and_(page.locator("[aria-invalid=true]")).wait_for()
                assert page.locator("input[name=consent]").get_attribute("aria-invalid") == "true"
                assert "id_expectations_error" in expectations.get_attribute("aria-describedby")
                assert page.locator("#id_expectations_error").inner_text().strip()
                walk.axe()
                if language == "en":
                    walk.shot("06-application-errors")
            walk.language("en")
            choose()
        page.get_by_label("What do you expect from the mentoring?").fill(
            f"{name}: I am to build a publication monitoring and want to learn from practice."
        )
        page.locator("input[name=consent]").check()
        walk.button("Submit application")
        walk.text("Your application was submitted")
    assert set(
        Application.objects.filter(round=programme_round).values_list("state", flat=True)
    ) == {ApplicationState.SUBMITTED}

    # 5. Selection and matching: a run in the background, the proposals sent.
    walk.later(at(phases[PhaseKind.MATCHING].starts_on + dt.timedelta(days=1), 9))
    walk.log_in(coordinator.email)
    page = walk.page
    move_round_to(walk, round_path, "matching")
    walk.click("link", "Selection and matching")
    walk.axe()
    walk.button("Run matching")
    # The run goes to the task worker (in tests tasks run at once, as the worker would).
    page.get_by_role("heading", name=re.compile("run 1", re.I)).first.wait_for()
    walk.axe()
    walk.shot("10-matching-run")
    send_proposals(walk, round_path)

    first_run = programme_round.match_runs.get(number=1)
    proposals = list(
        first_run.proposals.select_related(
            "application__person", "mentor_profile__person"
        ).order_by("pk")
    )
    assert len(proposals) == 2, proposals
    agreed, declined = proposals
    left_out = {email for _, email, _ in applicants} - {p.mentee.email for p in proposals}

    # Both say yes to the first pair; the mentor of the second declines with a reason.
    answer_proposal(walk, agreed.mentee.email, "accept", "Gladly, the topics fit.", check=True)
    answer_proposal(walk, agreed.mentor.email, "accept")
    walk.text("Tandem formed")
    answer_proposal(
        walk, declined.mentor.email, "decline", "We know each other well from a project."
    )
    walk.text("did not come about")

    # 6. Re-matching: a second run keeps the tandem and pairs the mentor anew.
    walk.log_in(coordinator.email)
    walk.go(round_path + "matching/")
    walk.button("Run matching")
    walk.page.get_by_role("heading", name=re.compile("run 2", re.I)).first.wait_for()
    send_proposals(walk, round_path)
    second = (
        programme_round.match_runs.get(number=2)
        .proposals.exclude(pk=agreed.pk)
        .select_related("application__person", "mentor_profile__person")
    )
    new = [p for p in second if p.mentee.email in left_out]
    assert len(new) == 1, second
    answer_proposal(walk, new[0].mentee.email, "accept")
    answer_proposal(walk, new[0].mentor.email, "accept")
    walk.text("Tandem formed")
    assert Tandem.objects.filter(round=programme_round).count() == 2

    # 7. Mentor training: the trainer sets up a session and consultation slots (and, on
    # the first visit to these pages, an authenticator app); a mentee books a slot.
    training_start = phases[PhaseKind.TRAINING].starts_on
    walk.later(at(training_start + dt.timedelta(days=1), 9))
    walk.log_in(coordinator.email)
    move_round_to(walk, round_path, "training")
    trainer = "tilda@example.org"
    walk.log_in(trainer)
    page = walk.page
    walk.go(round_path + "training/")
    set_up_authenticator(walk, trainer)
    walk.click("link", "New training session")
    session_at = at(training_start + dt.timedelta(days=5), 10)
    page.locator("main input[name=title]").fill("Mentoring training, part 1: expectations")
    page.locator("main input[name=starts_at]").fill(local_input(session_at))
    page.locator("main input[name=duration_minutes]").fill("180")
    page.locator("main input[name=online_url]").fill("https://meet.example.org/training-1")
    walk.button("Save")
    page.get_by_role("heading", name="Mentoring training, part 1: expectations").wait_for()
    walk.button(re.compile(r"Invite 2 people by e-mail"))
    walk.text("Attendance can be recorded once the session has begun.")
    walk.axe()
    session_path = page.url.removeprefix(walk.base)
    walk.go(round_path + "training/consultations/")
    slot_at = at(training_start + dt.timedelta(days=3), 16)
    page.locator("main input[name=starts_at]").fill(local_input(slot_at))
    page.locator("main input[name=duration_minutes]").fill("45")
    page.locator("main input[name=online_url]").fill("https://meet.example.org/consultation")
    walk.button("Publish")
    walk.text("Booked")
    walk.axe()

    mentee = agreed.mentee.email
    mentor = agreed.mentor.email
    kwargs = programme_round.url_kwargs
    walk.log_in(mentee)
    page = walk.page
    walk.go(reverse("portal:consultations", kwargs=kwargs))
    page.locator("main textarea[name=note]").first.fill("How do I put my goals into words?")
    page.locator("main form").get_by_role("button", name=re.compile("^Book")).first.click()
    walk.text("booked")
    walk.axe()

    # 8. The tandem: the agreement, confirmed by both; a date found by poll; an agenda.
    walk.go(reverse("portal:tandem", kwargs=kwargs))
    page.locator("main textarea[name=goals]").fill(
        "Build a publication monitoring and present the first figures to the board."
    )
    page.locator("main input[name=topics]").first.check()
    page.locator("main input[name=rhythm_weeks]").fill("4")
    page.locator("main input[name=meeting_minutes]").fill("90")
    page.locator("main input[name=channel]").fill("https://meet.example.org/tandem")
    page.locator("main input[name=confidentiality]").check()
    walk.button("Save the agreement")
    walk.button("I confirm this agreement")
    walk.text("You have confirmed it.")
    walk.click("link", "Find a date")
    tandem_start = phases[PhaseKind.TANDEM_PHASE].starts_on
    first_date = at(tandem_start + dt.timedelta(days=7), 10, 15)
    second_date = at(tandem_start + dt.timedelta(days=8), 14, 30)
    page.locator("main input[name=option_1]").fill(local_input(first_date))
    page.locator("main input[name=option_2]").fill(local_input(second_date))
    page.locator("main textarea[name=note]").fill("Our first meeting: which suits you?")
    walk.button("Open the poll")
    vote(walk, "yes", "no")
    walk.shot("13-date-poll")

    walk.log_in(mentor)
    page = walk.page
    walk.go(reverse("portal:tandem", kwargs=kwargs))
    walk.button("I confirm this agreement")
    walk.text("Confirmed by both")
    walk.go(reverse("portal:tandem_polls", kwargs=kwargs))
    page.locator("main a[href*='/polls/']").first.click()
    vote(walk, "yes", "maybe")
    walk.text("you both said yes")
    walk.axe()
    page.locator("main").get_by_role("button", name=re.compile("Choose this date")).first.click()
    walk.page.locator("main").get_by_role("link", name="Change", exact=True).first.click()
    page.locator("main textarea[name=agenda]").fill(
        "Getting to know each other; the agreement; data sources for the monitoring"
    )
    walk.button("Save the meeting")
    walk.text("data sources for the monitoring")
    walk.go(reverse("portal:tandem", kwargs=kwargs))
    walk.axe_both()
    walk.shot("14-tandem")

    # 9. The training is held and the consultation takes place.
    walk.later(at(training_start + dt.timedelta(days=6), 9))
    walk.log_in(trainer)
    page = walk.page
    walk.go(session_path)
    for box in page.locator("main input[name=attended]").all():
        box.check()
    walk.button("Save attendance")
    walk.text("attend")
    walk.go(round_path + "training/consultations/")
    page.locator("main a[href*='/bookings/']").first.click()
    page.locator("main textarea[name=trainer_notes]").fill("Talked about SMART goals.")
    walk.button("Save notes")
    walk.text("saved")
    walk.axe()

    # 10. The tandem phase: the first meeting is held, and both write notes.
    walk.later(at(tandem_start, 9))
    walk.log_in(coordinator.email)
    move_round_to(walk, round_path, "tandem_phase")
    walk.later(at(tandem_start + dt.timedelta(days=9), 9))
    walk.log_in(mentee)
    page = walk.page
    walk.go(reverse("portal:tandem", kwargs=kwargs))
    page.locator("main a[href*='/meetings/']").filter(has_text=re.compile(r"\d")).first.click()
    walk.button("Held")
    page.locator("main textarea[name=text]").fill("For me: ask about the cost of the databases.")
    walk.button("Save the note")
    walk.text("ask about the cost")
    page.locator("main textarea[name=text]").fill("Links to OpenAlex, as discussed.")
    page.locator("main input[name=shared]").check()
    walk.button("Save the note")
    walk.text("Links to OpenAlex")
    walk.axe()
    walk.shot("15-meeting")

    # 11. Evaluation: a survey, answered; the round report.
    evaluation_start = phases[PhaseKind.EVALUATION].starts_on
    walk.later(at(evaluation_start + dt.timedelta(days=1), 9))
    walk.log_in(coordinator.email)
    page = walk.page
    move_round_to(walk, round_path, "evaluation")
    walk.go(round_path + "surveys/")
    page.get_by_label("Final survey").check()
    walk.button("Create draft")
    walk.button("Open and invite by e-mail")
    walk.text("Close and publish results")
    walk.log_in(mentee)
    page = walk.page
    page.get_by_role("link", name=re.compile("survey waits for your answers")).first.click()
    for name in sorted(
        set(page.locator("main input[type=radio]").evaluate_all("els => els.map(e => e.name)"))
    ):
        page.locator(f"main input[type=radio][name='{name}']").last.check()
    walk.button("Send answers")
    walk.text("your answers are saved")
    walk.axe()

    walk.log_in(coordinator.email)
    page = walk.page
    walk.go(round_path)
    walk.click("link", "Round report")
    page.get_by_role("heading", level=1).wait_for()
    walk.axe_both()
    walk.shot("20-round-report")

    # 12. Alumni: the round is closed, certificates are issued and downloaded; the next
    # round is created from this one.
    walk.later(at(phases[PhaseKind.ALUMNI].starts_on + dt.timedelta(days=1), 9))
    walk.log_in(coordinator.email)
    page = walk.page
    move_round_to(walk, round_path, "alumni")
    walk.click("link", "Alumni and next round")
    walk.button("Close the round")
    walk.text("valid")
    walk.axe()
    walk.log_in(mentee)
    page = walk.page
    walk.go(reverse("portal:certificates"))
    walk.axe()
    walk.shot("22-certificates")
    link = page.get_by_role("link", name="PDF in English").first
    pdf = page.request.get(walk.base + link.get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF-"), pdf.status
    assert "pdf" in pdf.headers["content-type"]

    walk.log_in(coordinator.email)
    page = walk.page
    walk.go(round_path + "alumni/")
    walk.button("Create the next round")
    page.get_by_role("heading", level=1).wait_for()
    walk.axe()
    walk.shot("23-next-round")
    assert programme_round.programme.rounds.count() == 2
