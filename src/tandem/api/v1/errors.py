"""Clear error bodies: ``{"detail": "…"}``, with ``errors`` per field where there are some."""

from ninja import Schema


class ErrorOut(Schema):
    detail: str


class FieldErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class ApiError(Exception):
    def __init__(self, status: int, detail: str, errors: dict | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors


NOT_FOUND = "Not found."


def not_found() -> ApiError:
    # The same answer whether the object does not exist, lies outside the token's scope or
    # the person may not see it: nothing tells what exists.
    return ApiError(404, NOT_FOUND)


def read_only() -> ApiError:
    return ApiError(403, "This token may only read; make a read-write token to change data.")


# Responses every operation may give besides its own.
READ_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut}
# 400: a body that is no JSON at all.
WRITE_ERRORS = {**READ_ERRORS, 400: ErrorOut, 403: ErrorOut}
