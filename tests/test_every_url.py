"""Every URL of the site, for every role and an anonymous visitor, against a declared table.

The URLs come from the URL configuration itself (allauth's and Django admin's own pages
aside), so a new page without an entry in ``TABLE`` fails here. Each page is opened with
GET and POST by every role of ``tests/url_scenario.py``; the answer must be the declared
one. Whatever is refused (404, 405, sent to the login) must leave every database table as
it was: the rows of all tables are compared before and after.
"""

import hashlib
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import URLResolver, get_resolver, reverse

from tests.conftest import finish
from tests.url_scenario import ROLES, build

pytestmark = pytest.mark.django_db

# URL modules that are not ours: allauth's account pages and Django's admin.
FOREIGN_MODULES = ("allauth.", "django.contrib.admin")
FOREIGN_NAMESPACES = {"admin"}
# Tables a refused request may touch without anything having happened: sessions and the
# cache table, should a database cache be configured (rate limits count there).
VOLATILE_TABLES = {"django_session", "tandem_cache"}


def our_urls(resolver=None, namespace="", prefix=""):
    """{``namespace:name``: the URL's parameter names} of every URL of ours."""
    resolver = resolver or get_resolver()
    found = {}
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver) and entry.namespace in FOREIGN_NAMESPACES:
            continue
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            found |= our_urls(entry, inner, pattern)
        elif not entry.callback.__module__.startswith(FOREIGN_MODULES):
            assert entry.name, f"unnamed URL {pattern} ({entry.callback.__module__})"
            found[namespace + entry.name] = PARAMETER.findall(pattern)
    return found


PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")


def url_of(name, parameters, values, method="get"):
    names = [a or b for a, b in parameters]
    # A value for this URL and method, else for this URL, else the scenario's common one.
    own = values.get(name, {}) | values.get((name, method), {})
    kwargs = {key: own.get(key, values.get(key)) for key in names}
    missing = [key for key, value in kwargs.items() if value is None]
    assert not missing, f"add a value for {missing} to tests/url_scenario.py ({name})"
    return reverse(name, kwargs=kwargs)


def table_rows() -> dict[str, str]:
    """A fingerprint of every table's rows."""
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            if table in VOLATILE_TABLES:
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 — our own table names
            rows = sorted(repr(row) for row in cursor.fetchall())
            result[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return result


def outcome(response) -> str:
    """ "ok" (200, or a redirect that is not to the login), "login", or the status code."""
    # Closed at once: a file download (FileResponse) otherwise leaves its file open.
    finish(response)
    if response.status_code == 200:
        return "ok"
    if response.status_code == 302:
        return "login" if response.url.startswith(reverse("account_login")) else "ok"
    return str(response.status_code)


# Who gets what. A role in no set of a cell gets 404 (logged in) or is sent to the login
# (anonymous). "ok": 200, or a redirect elsewhere than the login (the action was done);
# "invalid": 400, the role may post but the empty form is refused with its messages;
# "no_method": 405, the role may use the page but not with this method.
STAFF = {"org_coordinator", "coordinator"}
ORG = {"org_coordinator"}
READERS = STAFF | {"trainer"}  # DESIGN.md §2: trainers read profiles and applications
PAIR = {"mentor", "mentee"}  # the tandem's two members
ROUND = READERS | PAIR
LOGGED_IN = set(ROLES) - {"anonymous"}
EVERYONE = set(ROLES)
TRAINING = STAFF | {"trainer"}  # DESIGN.md §2: coordinators and trainers run training
# The list of organisations: whoever coordinates somewhere (or trains), and staff, who
# alone create organisations (TANDEM_SELF_SERVICE_ORGANISATIONS is off).
COORDINATING = READERS | {"foreign_coordinator", "staff"}
SURVEYS = STAFF | {"trainer"}  # coordinators and trainers run surveys, see aggregates only
# Records of processing: operators and whoever coordinates an organisation (for its DPO).
RECORDS = {"org_coordinator", "foreign_coordinator", "staff"}
TRAINER = {"trainer"}  # a consultation is its trainer's and its booker's, never staff's


def grant(ok=(), invalid=(), no_method=(), anonymous="login") -> dict[str, str]:
    cell = dict.fromkeys(LOGGED_IN, "404") | {"anonymous": anonymous}
    for outcome, roles in (("ok", ok), ("400", invalid), ("405", no_method)):
        cell |= dict.fromkeys(roles, outcome)
    return cell


# URL name → (GET, POST). The scenario: tests/url_scenario.py (the round's gallery is
# not public; the mentee's proposal is accepted and became the tandem; the note is the
# mentee's; the calendar feed token is the mentee's; the invitation token is valid).
ALUMNI = {"mentor", "mentee"}  # of an earlier round of the programme (url_scenario)
# The alumni directory: alumni, and mentors and mentees of the programme's open rounds.
DIRECTORY = ALUMNI | {"other_round"}
HOLDER = {"mentor"}  # holds the scenario's certificate
PUBLIC_GET = (grant(ok=EVERYONE), grant(no_method=EVERYONE, anonymous="405"))

# The REST API takes tokens only: a session (or none) gets 401 on every operation, and 405
# for a method the path does not offer. Who gets what with a token: tests/api/test_access.py.
API_401 = dict.fromkeys(EVERYONE, "401")
API_405 = dict.fromkeys(EVERYONE, "405")
API_READ = (API_401, API_405)
API_WRITE = (API_405, API_401)
API_BOTH = (API_401, API_401)

TABLE = {
    "home": (grant(ok=EVERYONE), grant(ok=EVERYONE)),
    "accessibility": (grant(ok=EVERYONE), grant(ok=EVERYONE)),
    "api-v1:api-root": (grant(anonymous="404"), grant(anonymous="404")),
    "api-v1:create_training": API_BOTH,
    "api-v1:get_application": API_READ,
    "api-v1:get_programme": API_READ,
    "api-v1:get_round": API_READ,
    "api-v1:get_survey_results": API_READ,
    "api-v1:get_training": API_READ,
    "api-v1:list_applications": API_READ,
    "api-v1:list_match_runs": API_READ,
    "api-v1:list_mentor_profiles": API_READ,
    "api-v1:list_programmes": API_READ,
    "api-v1:list_proposals": API_READ,
    "api-v1:list_rounds": API_READ,
    "api-v1:list_surveys": API_READ,
    "api-v1:list_tandems": API_READ,
    "api-v1:list_topics": API_READ,
    "api-v1:list_trainings": API_BOTH,
    "api-v1:openapi-json": (grant(ok=EVERYONE), grant(ok=EVERYONE)),
    "api-v1:openapi-view": (grant(ok=EVERYONE), grant(ok=EVERYONE)),
    "api-v1:set_application_state": API_WRITE,
    "verify_certificate": PUBLIC_GET,
    "badge_keys": PUBLIC_GET,
    "badge_revocations": PUBLIC_GET,
    "badge_issuer": PUBLIC_GET,
    "manage:round_alumni": (grant(ok=STAFF), grant(no_method=STAFF)),
    "manage:round_close": (grant(no_method=STAFF), grant(ok=STAFF)),
    "manage:certificate_revoke": (grant(no_method=STAFF), grant(invalid=STAFF)),
    "manage:certificate_reinstate": (grant(no_method=STAFF), grant(invalid=STAFF)),
    "manage:next_round": (grant(no_method=STAFF), grant(invalid=STAFF)),
    "portal:certificates": (grant(ok=LOGGED_IN), grant(no_method=LOGGED_IN)),
    "portal:certificate_pdf": (grant(ok=HOLDER), grant(no_method=HOLDER)),
    "portal:certificate_badge": (grant(ok=HOLDER), grant(no_method=HOLDER)),
    "portal:alumni_directory": (grant(ok=DIRECTORY), grant(ok=ALUMNI)),
    "portal:alumni_directory_leave": (grant(no_method=DIRECTORY), grant(ok=DIRECTORY)),
    "healthz": (grant(ok=EVERYONE), grant(no_method=EVERYONE)),
    "manage:application_bulk": (grant(), grant(invalid=STAFF)),
    "manage:application_detail": (grant(ok=READERS), grant(invalid=STAFF)),
    "manage:application_export": (grant(ok=STAFF), grant(no_method=READERS)),
    "manage:application_import": (grant(ok=STAFF), grant(invalid=STAFF)),
    "manage:application_import_map": (grant(ok=STAFF), grant(ok=STAFF)),
    "manage:application_import_preview": (grant(ok=STAFF), grant(ok=STAFF)),
    "manage:application_list": (grant(ok=READERS), grant(no_method=READERS)),
    "manage:consultation_booking": (grant(ok=TRAINER), grant(ok=TRAINER)),
    "manage:consultation_booking_cancel": (grant(no_method=TRAINING), grant(ok=TRAINER)),
    "manage:consultation_booking_ics": (grant(ok=TRAINER), grant(no_method=TRAINING)),
    "manage:consultation_slot_remove": (grant(no_method=TRAINING), grant(ok=TRAINER)),
    "manage:consultations": (grant(ok=TRAINING), grant(invalid=TRAINER)),
    "manage:evaluation": (grant(ok=TRAINING), grant(no_method=TRAINING)),
    "manage:evaluation_feedback": (grant(ok=TRAINING), grant(invalid=TRAINING)),
    "manage:evaluation_feedback_attendance": (grant(no_method=TRAINING), grant(ok=TRAINING)),
    "manage:evaluation_feedback_cancel": (grant(no_method=TRAINING), grant(ok=TRAINING)),
    "manage:evaluation_feedback_ics": (grant(ok=TRAINING), grant(no_method=TRAINING)),
    "manage:evaluation_feedback_invite": (grant(no_method=TRAINING), grant(ok=TRAINING)),
    "manage:evaluation_feedback_summary": (grant(ok=TRAINING), grant(ok=TRAINING)),
    "manage:evaluation_slots": (grant(ok=TRAINING), grant(invalid=TRAINING)),
    "manage:evaluation_slot_remove": (grant(no_method=TRAINING), grant(ok=TRAINING)),
    "manage:evaluation_interview": (grant(ok=TRAINING), grant(ok=TRAINING)),
    "manage:evaluation_interview_edit": (grant(ok=TRAINING), grant(invalid=TRAINING)),
    "manage:evaluation_interview_ics": (grant(ok=TRAINING), grant(no_method=TRAINING)),
    "manage:evaluation_interview_new": (grant(ok=TRAINING), grant(invalid=TRAINING)),
    "manage:evaluation_interview_status": (grant(no_method=TRAINING), grant(ok=TRAINING)),
    "manage:mail_outbox": (grant(ok=STAFF), grant(invalid=STAFF)),
    "manage:mail_outbox_mail": (grant(ok=STAFF), grant(ok=STAFF)),
    "manage:mail_message": (grant(ok=STAFF), grant(invalid=STAFF)),
    "manage:mail_text": (grant(ok=STAFF), grant(invalid=STAFF)),
    "manage:mail_text_reset": (grant(no_method=STAFF), grant(ok=STAFF)),
    "manage:mail_texts": (grant(ok=STAFF), grant(no_method=STAFF)),
    "manage:matching": (grant(ok=STAFF), grant(invalid=STAFF)),
    "manage:matching_cancel": (grant(no_method=STAFF), grant(ok=STAFF)),
    "manage:matching_gaps": (grant(ok=STAFF), grant(no_method=STAFF)),
    "manage:matching_institutions": (grant(ok=STAFF), grant()),
    "manage:matching_progress": (grant(ok=STAFF), grant(no_method=STAFF)),
    "manage:matching_pair_rule": (grant(no_method=STAFF), grant(invalid=STAFF)),
    "manage:matching_rule_remove": (grant(no_method=STAFF), grant(ok=STAFF)),
    "manage:matching_run": (grant(ok=STAFF), grant(no_method=STAFF)),
    "manage:matching_send": (grant(no_method=STAFF), grant(invalid=STAFF)),
    "manage:matching_withdraw": (grant(no_method=STAFF), grant(ok=STAFF)),
    "manage:matching_overdue": (grant(ok=STAFF), grant(invalid=STAFF)),
    "manage:matching_matrix": (grant(ok=STAFF), grant(no_method=STAFF)),
    "manage:matching_swap": (grant(ok=STAFF), grant(invalid=STAFF)),
    "manage:organisation": (grant(ok=ORG), grant(invalid=ORG)),
    "manage:organisation_audit_log": (grant(ok=ORG), grant(no_method=ORG)),
    # One person (the mentee) as the organisation's coordinators see them; opening it is logged.
    "manage:person": (grant(ok=ORG), grant(no_method=ORG)),
    "manage:organisation_audit_log_csv": (grant(ok=ORG), grant(no_method=ORG)),
    "manage:audit_log": (grant(ok={"staff"}), grant(no_method={"staff"})),
    "manage:audit_log_csv": (grant(ok={"staff"}), grant(no_method={"staff"})),
    "manage:records_of_processing": (grant(ok=RECORDS), grant(no_method=RECORDS)),
    "manage:records_of_processing_pdf": (grant(ok=RECORDS), grant(no_method=RECORDS)),
    "manage:organisations": (grant(ok=COORDINATING), grant(invalid={"staff"})),
    "manage:programme": (grant(ok=ORG), grant(invalid=ORG)),
    "manage:recruitment_candidate_edit": (grant(ok=STAFF), grant(invalid=STAFF)),
    "manage:recruitment_candidate_remove": (grant(ok=STAFF), grant(ok=STAFF)),
    "manage:recruitment_candidate_status": (grant(no_method=STAFF), grant(invalid=STAFF)),
    "manage:recruitment_candidates": (grant(ok=STAFF), grant(invalid=STAFF)),
    "manage:recruitment_info_event": (grant(ok=STAFF), grant(invalid=STAFF)),
    "manage:recruitment_invite": (grant(no_method=STAFF), grant(invalid=STAFF)),
    "manage:recruitment_outbox": (grant(ok=STAFF), grant(ok=STAFF)),
    "manage:recruitment_profiles": (grant(ok=READERS), grant(no_method=READERS)),
    "manage:round": (grant(ok=STAFF), grant(no_method=STAFF)),
    "manage:round_report": (grant(ok=TRAINING), grant(ok=STAFF, no_method=TRAINER)),
    "manage:round_report_pdf": (grant(ok=TRAINING), grant(no_method=TRAINING)),
    "manage:round_report_xlsx": (grant(ok=TRAINING), grant(no_method=TRAINING)),
    "manage:programme_text": (grant(ok=ORG), grant(invalid=ORG)),
    "manage:programme_text_reset": (grant(no_method=ORG), grant(ok=ORG)),
    "manage:programme_texts": (grant(ok=ORG), grant(no_method=ORG)),
    "manage:round_create": (grant(ok=ORG), grant(invalid=ORG)),
    "manage:round_edit": (grant(ok=STAFF), grant(invalid=STAFF)),
    "manage:round_invitation_withdraw": (grant(no_method=STAFF), grant(ok=STAFF)),
    "manage:round_phase": (grant(no_method=STAFF), grant(invalid=STAFF)),
    "manage:round_role_remove": (grant(no_method=STAFF), grant(ok=STAFF)),
    "manage:round_roles": (grant(ok=STAFF), grant(invalid=STAFF)),
    "manage:tandem_nudge": (grant(no_method=STAFF), grant()),
    "manage:tandem_new_match": (grant(no_method=STAFF), grant()),
    "manage:tandems": (grant(ok=STAFF), grant(no_method=STAFF)),
    "manage:topic_remove": (grant(no_method=ORG), grant(ok=ORG)),
    "manage:survey": (grant(ok=SURVEYS), grant(invalid=SURVEYS)),
    "manage:survey_close": (grant(no_method=SURVEYS), grant(ok=SURVEYS)),
    "manage:survey_item": (grant(ok=SURVEYS), grant(invalid=SURVEYS)),
    "manage:survey_item_add": (grant(ok=SURVEYS), grant(invalid=SURVEYS)),
    "manage:survey_item_remove": (grant(no_method=SURVEYS), grant(ok=SURVEYS)),
    "manage:survey_new": (grant(no_method=SURVEYS), grant(invalid=SURVEYS)),
    "manage:survey_open": (grant(no_method=SURVEYS), grant(ok=SURVEYS)),
    "manage:survey_remind": (grant(no_method=SURVEYS), grant(ok=SURVEYS)),
    "manage:survey_results": (grant(ok=SURVEYS), grant(no_method=SURVEYS)),
    "manage:survey_results_pdf": (grant(ok=SURVEYS), grant(no_method=SURVEYS)),
    "manage:survey_results_xlsx": (grant(ok=SURVEYS), grant(no_method=SURVEYS)),
    "manage:surveys": (grant(ok=SURVEYS), grant(no_method=SURVEYS)),
    "manage:training": (grant(ok=TRAINING), grant(no_method=TRAINING)),
    "manage:training_attendance": (grant(no_method=TRAINING), grant(ok=TRAINING)),
    "manage:training_invite": (grant(no_method=TRAINING), grant(ok=TRAINING)),
    "manage:training_material": (grant(ok=TRAINING), grant(no_method=TRAINING)),
    "manage:training_material_add": (grant(ok=TRAINING), grant(invalid=TRAINING)),
    "manage:training_material_remove": (grant(no_method=TRAINING), grant(ok=TRAINING)),
    "manage:training_session": (grant(ok=TRAINING), grant(no_method=TRAINING)),
    "manage:training_session_edit": (grant(ok=TRAINING), grant(invalid=TRAINING)),
    "manage:training_session_new": (grant(ok=TRAINING), grant(invalid=TRAINING)),
    "portal:account_deleted": (grant(ok=EVERYONE), grant(ok=EVERYONE)),
    # Our sign-up (allauth's, starting with an invited name): a form for everyone;
    # the signed-in are sent on, an empty POST shows the form again with its messages.
    "account_signup": (grant(ok=EVERYONE), grant(ok=EVERYONE)),
    "portal:api_token_revoke": (grant(no_method=LOGGED_IN), grant(ok={"mentee"})),
    "portal:api_tokens": (grant(ok=LOGGED_IN), grant(invalid=LOGGED_IN)),
    "portal:application_apply": (grant(ok=ROUND), grant(invalid=ROUND)),
    "portal:application_reopen": (grant(no_method=LOGGED_IN), grant(ok={"mentee"})),
    "portal:application_withdraw": (grant(ok={"mentee"}), grant(invalid={"mentee"})),
    "portal:calendar_feed": (grant(ok=EVERYONE), grant(ok=EVERYONE)),
    "portal:consultation_book": (grant(no_method=LOGGED_IN), grant(ok=PAIR)),
    "portal:consultation_cancel": (grant(no_method=LOGGED_IN), grant(ok={"mentee"})),
    "portal:consultation_ics": (grant(ok={"mentee"}), grant(ok={"mentee"})),
    # Online rooms exist only with BigBlueButton configured (not in this walk): 404 for
    # all here; who enters them is tests/training/test_online_rooms.py.
    "portal:consultation_online_room": (grant(), grant()),
    "portal:consultations": (grant(ok=PAIR), grant(ok=PAIR)),
    "portal:dashboard": (grant(ok=LOGGED_IN), grant(ok=LOGGED_IN)),
    "portal:delete_account": (grant(no_method=LOGGED_IN), grant(invalid=LOGGED_IN)),
    "portal:evaluation": (grant(ok=PAIR), grant(ok=PAIR)),
    "portal:evaluation_feedback_ics": (grant(ok=PAIR), grant(ok=PAIR)),
    "portal:evaluation_interview_book": (grant(no_method=PAIR), grant(ok=PAIR)),
    "portal:evaluation_interview_cancel": (grant(no_method=PAIR), grant(ok=PAIR)),
    "portal:evaluation_interview_ics": (grant(ok={"mentee"}), grant(ok={"mentee"})),
    "portal:institution_search": (grant(ok=LOGGED_IN), grant(ok=LOGGED_IN)),
    "portal:my_data": (grant(ok=LOGGED_IN), grant(ok=LOGGED_IN)),
    "portal:my_data_download": (grant(no_method=LOGGED_IN), grant(ok=LOGGED_IN)),
    "portal:profile": (grant(ok=LOGGED_IN), grant(invalid=LOGGED_IN)),
    "portal:proposal": (grant(ok=PAIR), grant()),
    "portal:recruitment_invitation": (grant(ok={"outsider"}), grant(invalid={"outsider"})),
    "portal:role_invitation": (grant(ok={"outsider"}), grant(invalid={"outsider"})),
    "portal:recruitment_profile": (grant(ok={"mentor"}), grant(invalid={"mentor"})),
    "portal:recruitment_supervisor_letter": (grant(ok=PAIR), grant(ok=PAIR)),
    "portal:round": (grant(ok=ROUND), grant(ok=ROUND)),
    "portal:tandem": (grant(ok=PAIR), grant(ok=PAIR)),
    "portal:tandem_agreement": (grant(ok=PAIR), grant(invalid=PAIR)),
    "portal:tandem_agreement_confirm": (grant(no_method=PAIR), grant(invalid=PAIR)),
    "portal:tandem_calendar_feed": (grant(no_method=PAIR), grant(ok=PAIR)),
    "portal:tandem_online_room": (grant(), grant()),
    "portal:tandem_goal": (grant(ok=PAIR), grant(invalid=PAIR)),
    "portal:tandem_goal_add": (grant(no_method=PAIR), grant(invalid=PAIR)),
    "portal:tandem_goal_remove": (grant(no_method=PAIR), grant(ok=PAIR)),
    "portal:tandem_meeting": (grant(ok=PAIR), grant(ok=PAIR)),
    "portal:tandem_meeting_edit": (grant(ok=PAIR), grant(invalid=PAIR)),
    "portal:tandem_meeting_ics": (grant(ok=PAIR), grant(ok=PAIR)),
    "portal:tandem_meeting_new": (grant(ok=PAIR), grant(invalid=PAIR)),
    "portal:tandem_meeting_status": (grant(no_method=PAIR), grant(invalid=PAIR)),
    "portal:tandem_meeting_time": (grant(no_method=PAIR), grant(invalid=PAIR)),
    "portal:tandem_note": (grant(ok={"mentee"}), grant(invalid={"mentee"})),
    "portal:tandem_note_add": (grant(no_method=PAIR), grant(invalid=PAIR)),
    "portal:tandem_note_remove": (grant(no_method={"mentee"}), grant(ok={"mentee"})),
    "portal:tandem_poll": (grant(ok=PAIR), grant(invalid=PAIR)),
    "portal:tandem_poll_state": (grant(no_method=PAIR), grant(invalid=PAIR)),
    "portal:tandem_end": (grant(ok=PAIR), grant(invalid=PAIR)),
    "portal:tandem_series": (grant(ok=PAIR), grant(invalid=PAIR)),
    "portal:tandem_series_detail": (grant(ok=PAIR), grant(invalid=PAIR)),
    "portal:tandem_polls": (grant(ok=PAIR), grant(invalid=PAIR)),
    "portal:tandem_workspace": (grant(ok=PAIR), grant(ok=PAIR)),
    "portal:survey": (grant(ok=PAIR), grant(invalid=PAIR)),
    "portal:surveys": (grant(ok=PAIR), grant(ok=PAIR)),
    "portal:training": (grant(ok=ROUND), grant(ok=ROUND)),
    "portal:training_answer": (grant(no_method=LOGGED_IN), grant(ok={"mentor"})),
    "portal:training_material": (grant(ok={"mentor"}), grant(ok={"mentor"})),
    "portal:training_session": (grant(ok={"mentor"}), grant(ok={"mentor"})),
    "portal:training_online_room": (grant(), grant()),
    "portal:training_session_ics": (grant(ok={"mentor"}), grant(ok={"mentor"})),
    "public:call": (grant(ok=ROUND, anonymous="404"), grant(ok=ROUND, anonymous="404")),
    "public:gallery": (grant(ok=ROUND, anonymous="404"), grant(ok=ROUND, anonymous="404")),
    "public:gallery_file": (grant(ok=ROUND, anonymous="404"), grant(ok=ROUND, anonymous="404")),
    "public:imported_application": (grant(ok=EVERYONE), grant(invalid=EVERYONE)),
    "public:info_event": (grant(ok=ROUND, anonymous="404"), grant(invalid=ROUND, anonymous="404")),
    "public:info_event_confirm": (
        grant(ok=ROUND, anonymous="404"),
        grant(ok=ROUND, anonymous="404"),
    ),
    "public:info_event_ics": (grant(ok=ROUND, anonymous="404"), grant(ok=ROUND, anonymous="404")),
    "public:invitation": (grant(ok=EVERYONE), grant(invalid=EVERYONE)),
    "public:role_invitation": (grant(ok=EVERYONE), grant(invalid=EVERYONE)),
    "switch_language": (grant(no_method=EVERYONE), grant(ok=EVERYONE)),
}
# Notes on cells that may surprise:
# - manage:tandem_nudge answers 404 to an empty POST: it names a tandem to nudge;
#   manage:tandem_new_match likewise names an early end.
# - portal:proposal answers 404 to a POST: an accepted proposal takes no answer any more.
# - portal:calendar_feed and public:invitation are reached by their secret token alone.
# - portal:application_apply is open to everyone with a role in the round: staff and
#   mentors may apply as mentees too.

REFUSED = {"404", "405", "login"}


def _post_order(name):
    # POSTs that remove something go last, so that what they remove is seen first.
    return any(word in name for word in ("remove", "delete", "withdraw")), name


def walk(client, people, values, role) -> tuple[dict, dict]:
    """Open every URL with GET and POST as the role.

    Returns {(name, method): outcome} and, per refused request, the tables it changed.
    The requests declared as refused go first, as one batch between two fingerprints of
    all tables; only if the batch changed something is each request fingerprinted alone.
    """
    cache.clear()  # rate limits of an earlier test must not count
    if role != "anonymous":
        client.force_login(people[role])
    names = sorted(our_urls().items())
    urls = {
        (name, method): url_of(name, parameters, values, method)
        for name, parameters in names
        for method in ("get", "post")
    }
    requests = [(name, "get") for name, _parameters in names]
    requests += [(name, "post") for name in sorted(dict(names), key=_post_order)]

    def expected(name, method):
        entry = TABLE.get(name)
        return entry[method == "post"][role] if entry else None

    refused = [r for r in requests if expected(*r) in REFUSED]
    seen, changed = {}, {}
    before = table_rows()
    for name, method in refused:
        seen[name, method] = outcome(getattr(client, method)(urls[name, method]))
    if table_rows() != before:
        # Something refused changed a row: find which request did (slow, only on failure).
        for name, method in refused:
            state = table_rows()
            getattr(client, method)(urls[name, method])
            after = table_rows()
            if diff := sorted(t for t in after if after[t] != state.get(t)):
                changed[name, method] = diff
    for name, method in requests:
        if (name, method) not in seen:
            seen[name, method] = outcome(getattr(client, method)(urls[name, method]))
    return seen, changed


def test_every_url_has_an_entry():
    missing = sorted(set(our_urls()) - set(TABLE))
    assert not missing, f"declare who may open these URLs in TABLE: {missing}"
    assert not sorted(set(TABLE) - set(our_urls())), "TABLE names URLs that are gone"
    assert len(TABLE) >= 80


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_declared(client, role):
    people, values = build()
    seen, changed = walk(client, people, values, role)
    wrong = [
        f"{method.upper()} {name}: {got}, declared {expected}"
        for (name, method), got in sorted(seen.items())
        if name in TABLE and got != (expected := TABLE[name][method == "post"][role])
    ]
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
    assert not changed, f"{role}: refused requests changed tables: {changed}"


def test_the_fingerprint_sees_a_changed_row_not_only_a_new_one():
    # A refused POST that renamed the round would leave every count as it was.
    from tandem.programmes.models import Round

    build()
    before = table_rows()
    round = Round.objects.first()
    Round.objects.filter(pk=round.pk).update(name=round.name + " (umbenannt)")
    after = table_rows()
    assert [table for table in after if after[table] != before[table]] == ["programmes_round"]
