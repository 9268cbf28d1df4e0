"""``/v1/changes`` and its Atom feeds: what changed on the boards, newest first."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlencode

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.exceptions import ValidationException
from litestar.openapi import ResponseSpec
from litestar.params import PathParameter, QueryParameter

from ingest.changes import TAG_PREFIX
from service.atom import ATOM_MEDIA_TYPE, atom_feed
from service.controllers._responses import CsvAlternative, problem_responses
from service.dependencies import WarehouseView
from service.queries.changes import list_changes
from service.queries.served import ServedIndex
from service.rendering import FormatParameter, Page, render
from service.schemas_changes import ChangeList

__all__ = ("ChangeController", "ChangeKind")


class ChangeKind(StrEnum):
    """What changed (``ingest.changes.KINDS``; docs/changes.md)."""

    NEW_LEADER = "new_leader"
    CO_LEADERS = "co_leaders"
    OVERTAKE = "overtake"
    OVERTAKE_WITHIN_NOISE = "overtake_within_noise"
    ENTERS_TOP10 = "enters_top10"
    LEAVES_TOP10 = "leaves_top10"
    NEW_MODELS = "new_models"
    DISCONTINUITY = "discontinuity"
    CLAIM_VERDICT = "claim_verdict"


Kinds = Annotated[
    list[ChangeKind] | None,
    QueryParameter(
        description="Only events of this kind; repeat for several (`kind=new_leader&kind=co_leaders`)."
    ),
]
Model = Annotated[
    str | None,
    QueryParameter(description="Only events about this model or naming it (id or a source's name for it)."),
]
DateFrom = Annotated[
    date | None, QueryParameter(name="from", description="First day (YYYY-MM-DD), inclusive.")
]
DateTo = Annotated[date | None, QueryParameter(name="to", description="Last day (YYYY-MM-DD), inclusive.")]
FeedLimit = Annotated[int, QueryParameter(description="Entries in the feed, newest first.", ge=1, le=1000)]
_ATOM_RESPONSES = {
    **problem_responses(400, 404, 409, 503),
    200: ResponseSpec(
        str, description="Atom 1.0 feed (RFC 4287)", media_type=ATOM_MEDIA_TYPE, generate_examples=False
    ),
}


def _check_order(date_from: date | None, date_to: date | None) -> None:
    if date_from is not None and date_to is not None and date_to < date_from:
        raise ValidationException(
            detail="from is after to",
            extra=[{"key": "to", "message": f"{date_to} is before from={date_from}"}],
        )


def _generation_time(generation: str) -> datetime:
    stamp = generation.removeprefix("gen-").removesuffix(".duckdb")
    try:
        return datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=UTC)


def _feed(
    request: Request[Any, Any, Any],
    view: WarehouseView,
    served: ServedIndex,
    *,
    feed: str,
    title: str,
    board: str | None,
    kinds: list[ChangeKind] | None,
    model: str | None,
    date_from: date | None,
    date_to: date | None,
    limit: int,
) -> Response[bytes]:
    """The feed ``feed`` (``changes``, ``board/<id>``) of the events these filters select: each
    filter set is its own feed with its own id; its JSON alternate is ``/v1/changes`` with the same
    filters."""
    _check_order(date_from, date_to)
    events = list_changes(
        view.cursor,
        served.names,
        board=board,
        kinds=kinds,
        model=model,
        date_from=date_from,
        date_to=date_to,
        limit=limit,
    ).items
    filters = _filters(board, kinds, model, date_from, date_to)
    base = str(request.base_url).rstrip("/")
    query = urlencode(filters)
    own = urlencode([(key, value) for key, value in filters if key != "board" or feed == "changes"])
    body = atom_feed(
        feed_id=f"{TAG_PREFIX}feed/{feed}" + (f"?{own}" if own else ""),
        title=title,
        self_url=f"{base}{request.url.path}" + (f"?{request.url.query}" if request.url.query else ""),
        alternate_url=f"{base}/v1/changes" + (f"?{query}" if query else ""),
        base_url=base,
        updated=_generation_time(view.generation),
        events=events,
    )
    return Response(body, media_type=ATOM_MEDIA_TYPE)


def _filters(
    board: str | None,
    kinds: list[ChangeKind] | None,
    model: str | None,
    first: date | None,
    last: date | None,
) -> list[tuple[str, str]]:
    """The filters in a canonical order, as query pairs."""
    pairs = [("board", board), ("model", model), ("from", first and first.isoformat())]
    pairs += [("to", last and last.isoformat())]
    pairs += [("kind", kind.value) for kind in sorted(set(kinds or []))]
    return [(key, value) for key, value in pairs if value]


class ChangeController(Controller):
    """Change events: new leaders, overtakes, the top 10, new models, discontinuities, claim verdicts."""

    path = "/v1"
    tags = ("changes",)

    @get(
        "/changes",
        operation_id="ListChanges",
        responses=problem_responses(400, 404, 409, 503),
        operation_class=CsvAlternative,
        summary="Change events (new leader, overtakes, top 10, new models, claim verdicts), newest first",
        sync_to_thread=True,
    )
    def list_changes(
        self,
        request: Request[Any, Any, Any],
        view: NamedDependency[WarehouseView],
        served: NamedDependency[ServedIndex],
        page: NamedDependency[Page],
        board: Annotated[
            str | None,
            QueryParameter(description="Board id: its events and the claim verdicts decided on it."),
        ] = None,
        kind: Kinds = None,
        model: Model = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        output: FormatParameter = None,
    ) -> Response[ChangeList]:
        """Every event computed at the last ingest that matches all the filters given."""
        _check_order(date_from, date_to)
        found = list_changes(
            view.cursor,
            served.names,
            board=board,
            kinds=kind,
            model=model,
            date_from=date_from,
            date_to=date_to,
            limit=page.limit,
            offset=page.offset,
        )
        return render(request, ChangeList(items=found.items, total=found.total), output, page=page)

    @get(
        "/changes.atom",
        operation_id="GetChangesFeed",
        responses=_ATOM_RESPONSES,
        media_type=ATOM_MEDIA_TYPE,
        summary="The change events of every board as an Atom 1.0 feed",
        sync_to_thread=True,
    )
    def changes_feed(
        self,
        request: Request[Any, Any, Any],
        view: NamedDependency[WarehouseView],
        served: NamedDependency[ServedIndex],
        board: Annotated[str | None, QueryParameter(description="Only this board id.")] = None,
        kind: Kinds = None,
        model: Model = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        limit: FeedLimit = 100,
    ) -> Response[bytes]:
        """Entries link to the board as of the day of the change; ids are the events' ``tag:`` URIs."""
        return _feed(
            request,
            view,
            served,
            feed="changes",
            title="rankledger: what changed on the leaderboards",
            board=board,
            kinds=kind,
            model=model,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
        )

    @get(
        "/boards/{board_id:str}/changes.atom",
        operation_id="GetBoardChangesFeed",
        responses=_ATOM_RESPONSES,
        media_type=ATOM_MEDIA_TYPE,
        summary="The change events of one board as an Atom 1.0 feed",
        sync_to_thread=True,
    )
    def board_feed(
        self,
        request: Request[Any, Any, Any],
        view: NamedDependency[WarehouseView],
        served: NamedDependency[ServedIndex],
        board_id: Annotated[
            str, PathParameter(description="Board id, e.g. `lmarena.text.overall.style_control`.")
        ],
        kind: Kinds = None,
        model: Model = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        limit: FeedLimit = 100,
    ) -> Response[bytes]:
        """The board's events and the claim verdicts decided on it, newest first."""
        return _feed(
            request,
            view,
            served,
            feed=f"board/{board_id}",
            title=f"rankledger: what changed on {board_id}",
            board=board_id,
            kinds=kind,
            model=model,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
        )
