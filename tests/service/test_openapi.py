"""The OpenAPI document is complete and true: schemathesis fuzzes every operation.

A short run here (a few examples per operation, in-process); ``.ci/schemathesis.sh``
runs a longer one against a real server. Every answer must be documented: status
code, content type, headers and body schema; and none may be a 5xx.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

schemathesis = pytest.importorskip("schemathesis", reason="pip install -e '.[test]'")

from schemathesis import checks  # noqa: E402
from schemathesis.specs.openapi import checks as openapi_checks  # noqa: E402

from accords.service.app import create_app  # noqa: E402

from .conftest import fast_tokens, plant  # noqa: E402

CHECKS = [
    checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_headers_conformance,
    openapi_checks.response_schema_conformance,
]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    db = str(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    plant(db)
    tokens = fast_tokens(db)
    token, _ = tokens.create("mediator")
    app = create_app(db, tokens=tokens, login_limit=1_000_000)
    yield schemathesis.openapi.from_asgi("/openapi.json", app), token


def test_every_operation_answers_as_documented(api: tuple[Any, str]) -> None:
    # schemathesis' own pytest plugin does not support pytest 9 yet, so drive Hypothesis here.
    schema, token = api
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()


def test_the_document_declares_the_bearer_scheme_and_error_shapes(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    doc = create_app(db, tokens=fast_tokens(db)).openapi()
    assert doc["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            assert {"401", "422", "429"} <= set(op["responses"]), (method, path)
            assert op.get("security"), (method, path)
            for code, answer in op["responses"].items():
                if code.startswith(("4", "5")):
                    ref = answer["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorOut"), (method, path, code)
