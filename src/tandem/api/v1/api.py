"""The API object: version 1 under /api/v1/, token authentication, clear error bodies."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from . import people, programmes, rounds_work, surveys
from .auth import TokenAuth
from .docs import ReferencePage
from .errors import NOT_FOUND, ApiError

DESCRIPTION = """\
Tandem's REST API, version 1. Every request carries a personal API token
(`Authorization: Bearer tdm_…`), made on the page “API tokens” of one's own account
(`/me/api/`). A token is scoped to one organisation or one round, may only read or also
write, and expires. It never reaches more than its person may see on the pages: the same
permissions decide, and whatever lies outside the token's scope or the person's rights
answers 404. Tandem content (agreements, agendas, notes, goals) and consultations are never
part of the API; tandems appear as metadata only.

Lists are paginated (`page`, `page_size` up to 100). Errors answer
`{"detail": "…"}`, with `errors` per field where there are some.

Survey results are aggregates only, exactly as the results page shows them (the same
aggregation with its small-group rule k): a question answered by fewer than k people is
marked `shown: false` and carries nothing else; free texts only where k or more answered.
Only closed surveys have results; who answered is never part of the API.
"""


FIRST_ITEM = "$response.body#/items/0/id"
SAME_ROUND = "$request.path.round_id"
ROUND_OPERATIONS = (
    "get_round",
    "list_topics",
    "list_mentor_profiles",
    "list_applications",
    "list_match_runs",
    "list_tandems",
    "list_trainings",
    "create_training",
    "list_surveys",
)
# OpenAPI links: which answer leads to which operation (clients and the stateful tests
# follow them). operationId → status → target operationId → its parameters.
LINKS = {
    "list_rounds": {"200": {name: {"round_id": FIRST_ITEM} for name in ROUND_OPERATIONS}},
    "list_programmes": {"200": {"get_programme": {"programme_id": FIRST_ITEM}}},
    "list_applications": {
        "200": {
            name: {"round_id": SAME_ROUND, "application_id": FIRST_ITEM}
            for name in ("get_application", "set_application_state")
        }
    },
    "list_match_runs": {"200": {"list_proposals": {"round_id": SAME_ROUND, "run_id": FIRST_ITEM}}},
    "list_surveys": {
        "200": {"get_survey_results": {"round_id": SAME_ROUND, "survey_id": FIRST_ITEM}}
    },
    "list_trainings": {"200": {"get_training": {"round_id": SAME_ROUND, "session_id": FIRST_ITEM}}},
    "create_training": {
        "201": {"get_training": {"round_id": SAME_ROUND, "session_id": "$response.body#/id"}}
    },
}


class TandemApi(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for item in schema["paths"].values():
            for operation in item.values():
                links = LINKS.get(operation.get("operationId"), {})
                for status, answer in operation.get("responses", {}).items():
                    if str(status) not in links:
                        continue
                    answer["links"] = {
                        target: {"operationId": target, "parameters": parameters}
                        for target, parameters in links[str(status)].items()
                    }
        return schema


api = TandemApi(
    title="Tandem API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=TokenAuth(),
    docs=ReferencePage(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("", programmes.router)
api.add_router("", people.router)
api.add_router("", rounds_work.router)
api.add_router("", surveys.router)


def _error(request, status: int, detail: str, errors: dict | None = None):
    body = {"detail": detail}
    if errors:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


@api.exception_handler(ApiError)
def api_error(request, exc: ApiError):
    return _error(request, exc.status, exc.detail, exc.errors)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, NOT_FOUND)


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    response = _error(request, 401, "A valid API token is needed (Authorization: Bearer …).")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in {"body"})
        errors.setdefault(where or "request", []).append(error.get("msg", "invalid"))
    return _error(request, 422, "The request is not valid.", errors)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return _error(request, exc.status_code, str(exc))
