"""What a request's token reaches: its scope, intersected with its person's permissions."""

from typing import Annotated

from ninja import Path, Query
from ninja.pagination import PaginationBase
from pydantic import Field

from tandem.core.forms import MAX_ID
from tandem.programmes.models import Round

from ..selectors import rounds_in_scope
from .errors import not_found, read_only

# Ids in paths: only numbers an id of ours can be (larger ones would overflow the database).
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000


def token_of(request):
    return request.auth


def person_of(request):
    return request.auth.person


def round_for(request, round_id: int, permission: str) -> Round:
    """The round, if the token reaches it and its person holds the permission; else 404."""
    round = rounds_in_scope(token_of(request)).filter(pk=round_id).first()
    if round is None or not person_of(request).has_perm(permission, round):
        raise not_found()
    return round


def require_write(request) -> None:
    if not token_of(request).may_write:
        raise read_only()


class Pagination(PaginationBase):
    """``?page=1&page_size=50``; at most 100 a page."""

    class Input(PaginationBase.Input):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)

    class Output(PaginationBase.Output):
        count: int
        page: int
        page_size: int

    items_attribute = "items"

    def paginate_queryset(self, queryset, pagination, request=None, **params):
        offset = (pagination.page - 1) * pagination.page_size
        return {
            "items": queryset[offset : offset + pagination.page_size],
            "count": self._items_count(queryset),
            "page": pagination.page,
            "page_size": pagination.page_size,
        }


__all__ = ["Id", "Pagination", "Query", "person_of", "require_write", "round_for", "token_of"]
