"""The public API of the draft layer, as the dashboard and scripts import it."""

from __future__ import annotations

import accords.draft
import accords.exports


def test_draft_exports() -> None:
    assert sorted(accords.draft.__all__) == sorted(
        [
            "LEGEND",
            "STYLE",
            "Document",
            "build_document",
            "diff_documents",
            "render_docx",
            "render_html",
            "render_html_page",
            "render_markdown",
            "render_pdf",
        ]
    )
    for name in accords.draft.__all__:
        assert hasattr(accords.draft, name)


def test_exports_api() -> None:
    for name in accords.exports.__all__:
        assert hasattr(accords.exports, name)
    assert "register_claims_provider" in accords.exports.__all__


def test_claims_provider_hook() -> None:
    from accords.model import State

    calls = []

    def provider(state, events):
        calls.append(len(events))
        return [{"claim": "x", "verdict": "overstates status"}]

    accords.exports.register_claims_provider(provider)
    try:
        rows = accords.exports.claims_rows(State(), [1, 2])
    finally:
        accords.exports._CLAIMS.remove(provider)
    assert rows == [{"claim": "x", "verdict": "overstates status"}]
    assert calls == [2]
