"""The analysis as the caller may see it: the API route and the dashboard's panel.

Analysis works on preferences, which are confidential. The mediator gets the
whole analysis (frontier, bargaining solutions, zone of possible agreement) and
the frontier plot; a party's delegate gets what its own party's preferences say
and nothing computed from anyone else's; an observer gets a 403. The gate is
``accords.analysis.problem_from_state``, which builds a problem from only the
preferences the viewer may see.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import tempfile
from html import escape
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from accords.errors import AccessDenied, AccordsError, AnalysisError, RefusedMove
from accords.model import State
from accords.model import viewer as model_viewer
from accords.service.auth import Viewer
from accords.service.extensions import NOW, Extension, Panel, View
from accords.service.routing import COMMON, FORBIDDEN, NOT_FOUND, Nid, ViewerDep, load_state

__all__ = ["AnalysisOut", "analysis_for", "extension", "router"]

#: Most frontier packages one answer lists.
MAX_OUTCOMES = 1000


class AnalysisOut(BaseModel):
    negotiation: str
    scope: Literal["mediator", "party"] = Field(
        description="mediator: every party's preferences; party: the caller's party's only"
    )
    viewer: str
    analysis: dict[str, Any]
    summary: list[str] = Field(description="the analysis in plain words")


def _who(viewer: Viewer) -> model_viewer.Mediator | model_viewer.Delegate:
    """The typed viewer the analysis may serve; an observer is refused."""
    who = viewer.who
    if isinstance(who, model_viewer.Observer):
        raise AccessDenied(
            "analysis uses preferences, which are confidential: an observer sees public data only"
        )
    return who


def analysis_for(
    state: State, viewer: Viewer, *, given_accepted: bool = False, plot: bool = False
) -> tuple[AnalysisOut, str | None]:
    """The analysis ``viewer`` may see, and (for the mediator, when asked) the frontier as SVG.

    Checked arithmetic: an overflow or a NaN anywhere (preferences recorded before
    the bounds, or a sum the bounds did not foresee) is an :class:`AnalysisError`,
    a sentence on the page and a 422 from the API, never a 500 or an ``inf`` in JSON.
    """
    import numpy as np

    try:
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            out, svg = _analysis_for(state, viewer, given_accepted=given_accepted, plot=plot)
            json.dumps(out.analysis, allow_nan=False)
    except (ArithmeticError, ValueError) as exc:
        if isinstance(exc, AccordsError) and not isinstance(exc, AnalysisError):
            raise
        raise AnalysisError(
            "the analysis cannot be computed with these preferences (a number overflows or is "
            "not a number); the party or the mediator should record smaller numbers"
        ) from None
    return out, svg


def _analysis_for(
    state: State, viewer: Viewer, *, given_accepted: bool, plot: bool
) -> tuple[AnalysisOut, str | None]:
    from accords.analysis import (
        FrontierTooLarge,
        analysis_json,
        analyze,
        explain,
        explain_party,
        party_json,
        party_view,
        problem_from_state,
    )

    who = _who(viewer)
    context = problem_from_state(state, who, given_accepted=given_accepted)
    if isinstance(who, model_viewer.Delegate):
        view = party_view(context.problem, who.party, context.proposal)
        out = AnalysisOut(
            negotiation=state.id,
            scope="party",
            viewer=who.party,
            analysis=party_json(view, context),
            summary=explain_party(view, context),
        )
        return out, None
    result = analyze(context.problem, viewer=who, proposal=context.proposal)
    try:
        data = analysis_json(result, context, max_outcomes=MAX_OUTCOMES)
    except FrontierTooLarge as exc:
        raise RefusedMove(f"{exc}; use `accords analyze` to list them all") from None
    out = AnalysisOut(
        negotiation=state.id,
        scope="mediator",
        viewer="mediator",
        analysis=data,
        summary=explain(result, context),
    )
    return out, _svg(result, context) if plot else None


def _svg(result: Any, context: Any) -> str | None:
    try:
        from accords.analysis._plot import plot_analysis
    except ModuleNotFoundError:  # pragma: no cover - the plot extra is missing
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "frontier.svg"
        try:
            plot_analysis(result, path, context)
        except ModuleNotFoundError:
            return None
        return path.read_text(encoding="utf-8")


router = APIRouter(tags=["api"], responses=COMMON)


@router.get(
    "/negotiations/{nid}/analysis",
    response_model=AnalysisOut,
    responses={**NOT_FOUND, **FORBIDDEN},
    summary="The analysis this viewer may see (mediator: all; a delegate: its own party's)",
)
def analysis(
    request: Request,
    viewer: ViewerDep,
    nid: Nid,
    given_accepted: Annotated[
        bool, Query(description="only completions of what is provisionally accepted")
    ] = False,
) -> AnalysisOut:
    _who(viewer)
    state = load_state(request.app.state.services.record, nid)
    out, _ = analysis_for(state, viewer, given_accepted=given_accepted)
    return out


def panels(viewer: Viewer, state: State, view: View = NOW) -> list[tuple[str, Panel]]:
    """The analysis of ``state`` (the state as of ``view``): a past view analyses the package
    on the table then, with the preferences recorded by then, under the same gate as now."""
    if isinstance(viewer.who, model_viewer.Observer):
        note = "Analysis uses preferences, which are confidential; an observer sees public data."
        return [("analysis", Panel("What the preferences say", f'<p class="muted">{note}</p>'))]
    try:
        out, svg = analysis_for(state, viewer, plot=True)
    except AccordsError as exc:
        return [("analysis", Panel("What the preferences say", f"<p>{escape(str(exc))}</p>"))]
    title = "Every party's preferences" if out.scope == "mediator" else f"{out.viewer}'s own"
    html = ""
    if not view.is_now:
        html += (
            f'<p class="view-note" data-testid="analysis-view">{escape(view.words[:1].upper())}'
            f"{escape(view.words[1:])}:"
            " the package on the table then, weighed with the preferences recorded by then.</p>"
        )
    html += '<pre class="analysis" data-testid="analysis">'
    html += escape("\n".join(out.summary)) + "</pre>"
    if svg is not None:
        data = base64.b64encode(svg.encode()).decode()
        html += (
            f'<img class="frontier" src="data:image/svg+xml;base64,{data}" '
            'alt="The Pareto frontier, with the bargaining solutions and the proposal marked">'
        )
    return [("analysis", Panel(f"What the preferences say — {title}", html))]


extension: Extension | None = (
    Extension(name="analysis", api_router=router, panels=panels)
    if importlib.util.find_spec("accords.analysis") is not None
    else None
)
