"""/openapi.json describes what the site answers: schemathesis sends generated requests, valid
and invalid, to every operation it lists, on each database, and every answer must be one the
document declares (status, content type, body schema) and none a server error.

`fuzz` is also what benchmarks/api_fuzz.py runs, with more examples. Requests go to the real
app under uvicorn on 127.0.0.1 (tests/web/webserver.py), holding the test corpus. Besides
generated path parts, which mostly name nothing (a 404), each operation is also sent the parts
of records that exist (from the API's own lists), so 200 answers are checked too. The admin
operations are sent without a token (administration is off): they must refuse, and mutate
nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.core.failures import Failure, FailureGroup

from .conftest import Site

MAX_EXAMPLES = 30  # per operation and mode (valid, invalid): about 1,700 requests in all
ADMIN = "/api/v1/admin/"
# At most this many records per path: enough to reach every kind of 200 answer.
_KNOWN_PER_PART = 4

Check = Callable[..., Any]
CHECKS: tuple[Check, ...] = (
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
)


def refused_without_token(ctx: Any, response: Any, case: Case) -> None:
    """Administration is off in these tests: whatever is sent, an admin operation refuses."""
    assert response.status_code in (400, 401, 403, 404), f"admin answered {response.status_code}"


ADMIN_CHECKS = (*CHECKS, refused_without_token)


@dataclass
class FuzzReport:
    operations: int = 0
    requests: int = 0
    server_errors: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    violations: Counter[str] = field(default_factory=Counter)  # one line each: how many times
    examples: dict[str, str] = field(default_factory=dict)  # a curl command for each

    def record(self, case: Case, status: int, failures: list[Failure]) -> None:
        self.requests += 1
        self.statuses[status] += 1
        self.server_errors += status >= 500
        for failure in failures:
            line = f"{case.operation.label}: {failure.title}: {failure.message.splitlines()[0]}"
            self.violations[line] += 1
            self.examples.setdefault(line, case.as_curl_command())

    def summary(self, most: int = 10) -> str:
        return "\n".join(
            f"{count}x {line}\n    {self.examples[line]}"
            for line, count in self.violations.most_common(most)
        )


def fuzz(base_url: str, *, max_examples: int = MAX_EXAMPLES) -> FuzzReport:
    """Every operation of `base_url`/openapi.json, with `max_examples` valid and as many
    invalid requests, checked against the document; reproducible (derandomised)."""
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    known = known_parts(base_url)
    report = FuzzReport()
    for result in schema.get_all_operations():
        operation = result.ok()
        report.operations += 1
        checks = ADMIN_CHECKS if operation.path.startswith(ADMIN) else CHECKS
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run(operation, mode, known, checks, max_examples, report)
    return report


def _run(
    operation: APIOperation,
    mode: GenerationMode,
    known: dict[str, list[tuple[Any, ...]]],
    checks: tuple[Check, ...],
    max_examples: int,
    report: FuzzReport,
) -> None:
    strategies = [operation.as_strategy(generation_mode=mode)] + [
        operation.as_strategy(generation_mode=mode, path_parameters=parts)
        for parts in _existing(operation, known)
    ]

    @settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=[
            HealthCheck.filter_too_much,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    @given(case=st.one_of(strategies))
    def send(case: Case) -> None:
        response = case.call(timeout=10)
        failures: list[Failure] = []
        try:
            case.validate_response(response, checks=list(checks))
        except FailureGroup as group:
            failures = list(group.exceptions)
        except Failure as failure:
            failures = [failure]
        report.record(case, response.status_code, failures)

    try:
        send()
    except Unsatisfiable:
        # Nothing to make invalid: no parameter, or only strings any text satisfies.
        if mode is not GenerationMode.NEGATIVE:
            raise


def known_parts(base_url: str) -> dict[str, list[tuple[Any, ...]]]:
    """The path parts of records in the store, from the API's own lists, by the collection the
    path names (`articles`, `columnists`, `archive`...)."""
    with httpx.Client(base_url=base_url, timeout=10) as client:

        def get(path: str) -> Any:
            return client.get(path).raise_for_status().json()

        articles = get("/api/v1/articles?limit=100")["items"]
        columnists = get("/api/v1/columnists?limit=100")["items"]
        publications = get("/api/v1/publications?limit=100")["items"]
        editions, languages = get("/api/v1/editions"), get("/api/v1/languages")
    published = [a["published"] for a in articles if a["published"]]
    days = {datetime.fromisoformat(when).astimezone(UTC).date() for when in published}
    return {
        "articles": [(a["id"],) for a in articles],
        "columnists": [(c["slug"],) for c in columnists],
        "publications": [(p["slug"],) for p in publications],
        "editions": [(e["code"],) for e in editions],
        "languages": [(language["code"],) for language in languages],
        "archive": [(d.year, d.month, d.day) for d in sorted(days)],
    }


def _existing(
    operation: APIOperation, known: dict[str, list[tuple[Any, ...]]]
) -> Iterator[dict[str, Any]]:
    """Path parameters naming up to `_KNOWN_PER_PART` records of the collection the path
    names (/api/v1/columnists/{slug} names columnists)."""
    names = [parameter.name for parameter in operation.path_parameters]
    if names:
        collection = operation.path.split("/{")[0].rsplit("/", 1)[-1]
        for parts in known.get(collection, [])[:_KNOWN_PER_PART]:
            yield dict(zip(names, parts, strict=True))


def test_every_answer_is_one_the_openapi_document_declares(site: Site) -> None:
    report = fuzz(site.base)
    assert report.operations >= 25, report.operations
    assert report.server_errors == 0, report.summary()
    assert not report.violations, report.summary()
    # The corpus's records were reached: their answers were checked as well as the refusals.
    assert report.statuses[200] > 100, report.statuses
    assert {400, 404} <= set(report.statuses), report.statuses


def test_errors_are_documented_as_sent(site: Site) -> None:
    spec = site.client.get("/openapi.json").json()
    operations = [
        (path, operation) for path, item in spec["paths"].items() for operation in item.values()
    ]
    for path, operation in operations:
        answers = operation["responses"]
        assert "422" not in answers, path  # the app answers 400 for bad parameters
        assert "400" in answers and "503" in answers, path
        assert ("404" in answers) == ("{" in path), path
        media = "application/json" if path.startswith("/api/") else "text/html"
        assert set(answers["400"]["content"]) == {media}, path
    error = spec["components"]["schemas"]["ErrorOut"]
    assert error["required"] == ["detail"] and set(error["properties"]) == {"detail"}
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    moved = spec["paths"]["/api/v1/columnists/{slug}"]["get"]["responses"]["301"]
    assert "Location" in moved["headers"]


def test_days_and_cursors_have_their_formats(site: Site) -> None:
    spec = site.client.get("/openapi.json").json()
    for path in ("/api/v1/articles", "/api/v1/search", "/api/v1/columnists", "/feed.atom"):
        parameters = {p["name"]: p["schema"] for p in spec["paths"][path]["get"]["parameters"]}
        assert parameters["cursor"]["pattern"] == "^[A-Za-z0-9_-]*$", path
        if "from" in parameters:
            assert parameters["from"]["format"] == parameters["to"]["format"] == "date", path
    # What a response holds as a cursor is one the documented pattern allows.
    body = site.client.get("/api/v1/articles", params={"limit": 2}).json()
    assert body["next_cursor"] and set(body["next_cursor"]) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
    )
