"""The public API of accords.text, pinned."""

from __future__ import annotations

import accords.text


def test_all_is_pinned() -> None:
    assert sorted(accords.text.__all__) == [
        "ASSERTIONS",
        "Article",
        "ArticleStatements",
        "Claim",
        "NegotiationView",
        "PartRecord",
        "PartRef",
        "PartyRef",
        "RecordView",
        "STATEMENT_RECORDED",
        "Stance",
        "Statement",
        "TextReader",
        "VERDICTS",
        "Verdict",
        "check",
        "judge",
        "read_article",
        "read_text",
        "recorded_statements",
    ]
    for name in accords.text.__all__:
        assert hasattr(accords.text, name)


def test_import_loads_no_model() -> None:
    import subprocess
    import sys

    code = (
        "import sys, accords.cli, accords.text; "
        "print('spacy' in sys.modules, 'trafilatura' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
