"""The OpenAPI document at /api/v1/openapi.json is the API's contract: it must list every path,
the Bearer security, the allowed values of every choice field and the errors each call can give."""

import pytest

from tdkt.organizations.models import BlockKind, BlockRole, OrganizationKind, OrganizationLevel, PersonCategory, Sex

OPERATIONS = {
    ("post", "/api/v1/auth/token"),
    ("get", "/api/v1/organizations"),
    ("post", "/api/v1/organizations"),
    ("get", "/api/v1/organizations/{organization_id}"),
    ("patch", "/api/v1/organizations/{organization_id}"),
    ("post", "/api/v1/organizations/{organization_id}/close"),
    ("get", "/api/v1/people"),
    ("post", "/api/v1/people"),
    ("get", "/api/v1/people/{person_id}"),
    ("patch", "/api/v1/people/{person_id}"),
    ("post", "/api/v1/people/{person_id}/move"),
    ("get", "/api/v1/blocks"),
    ("post", "/api/v1/blocks"),
    ("get", "/api/v1/blocks/{block_id}"),
    ("post", "/api/v1/blocks/{block_id}/members"),
    ("delete", "/api/v1/blocks/{block_id}/members/{membership_id}"),
    ("get", "/api/v1/inbox"),
}


@pytest.fixture(scope="module")
def served(django_db_setup, django_db_blocker):
    """The document depends on the code alone: fetched once for this module's 72 tests, not once
    each (0.6 s apiece on the test machine)."""
    from django.test import Client

    with django_db_blocker.unblock():
        return Client().get("/api/v1/openapi.json")


@pytest.fixture
def spec(served, db):
    response = served
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def _operations(spec):
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            yield method, path, operation


def test_document_is_openapi_3_and_served_without_login(spec):
    assert spec["openapi"].startswith("3.")
    assert spec["info"]["title"] == "TĐKT API"


def test_every_path_is_documented(spec):
    assert OPERATIONS <= {(method, path) for method, path, _ in _operations(spec)}


def test_bearer_security_is_declared_and_required(spec):
    schemes = spec["components"]["securitySchemes"]
    bearer = [name for name, scheme in schemes.items() if scheme == {"type": "http", "scheme": "bearer"}]
    assert bearer
    for method, path, operation in _operations(spec):
        if path == "/api/v1/auth/token":
            assert "security" not in operation
        else:
            assert {bearer[0]: []} in operation["security"], (method, path)


def test_every_operation_declares_its_errors(spec):
    for method, path, operation in _operations(spec):
        codes = set(operation["responses"])
        assert "422" in codes, (method, path)
        if path != "/api/v1/auth/token":
            assert "401" in codes, (method, path)
        if "{" in path:
            assert "404" in codes, (method, path)
        if method in {"post", "patch", "delete"} and path != "/api/v1/auth/token":
            assert "403" in codes, (method, path)
        if method in {"post", "patch"}:
            assert "400" in codes, (method, path)
        for code, answer in operation["responses"].items():
            if code.startswith("4"):
                schema = answer["content"]["application/json"]["schema"]
                ref = schema["$ref"].rsplit("/", 1)[-1]
                assert "detail" in spec["components"]["schemas"][ref]["properties"], (method, path, code)


def test_token_answers_are_documented(spec):
    responses = spec["paths"]["/api/v1/auth/token"]["post"]["responses"]
    assert {"200", "401", "422", "429"} <= set(responses)


def _enum(spec, schema_name, field):
    prop = spec["components"]["schemas"][schema_name]["properties"][field]
    options = prop.get("anyOf", [prop])
    return next(sorted(o["enum"]) for o in options if "enum" in o)


@pytest.mark.parametrize(
    ("schema", "field", "choices"),
    [
        ("OrganizationCreateIn", "kind", OrganizationKind),
        ("OrganizationCreateIn", "level", OrganizationLevel),
        ("OrganizationUpdateIn", "kind", OrganizationKind),
        ("OrganizationOut", "kind", OrganizationKind),
        ("PersonCreateIn", "sex", Sex),
        ("PersonCreateIn", "category", PersonCategory),
        ("PersonUpdateIn", "category", PersonCategory),
        ("PersonOut", "sex", Sex),
        ("BlockCreateIn", "kind", BlockKind),
        ("BlockMemberIn", "role", BlockRole),
        ("BlockMemberOut", "role", BlockRole),
    ],
)
def test_choice_fields_are_enumerations(spec, schema, field, choices):
    assert _enum(spec, schema, field) == sorted(choices.values)


@pytest.mark.parametrize("path", ["/api/v1/organizations", "/api/v1/people", "/api/v1/blocks"])
def test_lists_are_paginated(spec, path):
    operation = spec["paths"][path]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert params["limit"]["schema"]["minimum"] == 1
    assert params["limit"]["schema"]["maximum"] == 500
    assert params["offset"]["schema"]["minimum"] == 0
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert {"count", "limit", "offset", "items"} <= set(spec["components"]["schemas"][page]["properties"])


def test_inputs_refuse_unknown_fields(spec):
    for name, schema in spec["components"]["schemas"].items():
        if name.endswith("In") and name != "TokenIn":
            assert schema.get("additionalProperties") is False, name


def test_documented_filters(spec):
    def names(path):
        return {p["name"] for p in spec["paths"][path]["get"]["parameters"]}

    assert {"q", "kind", "include_closed", "parent_id"} <= names("/api/v1/organizations")
    assert {"q", "organization_id", "include_subunits", "category", "sex", "include_left"} <= names("/api/v1/people")
    assert {"q", "year"} <= names("/api/v1/blocks")


def test_docs_page_is_served(client, db):
    assert client.get("/api/v1/docs").status_code == 200


# Records and eligibility (issue 3) ---------------------------------------------------------------

RECORD_OPERATIONS = {
    ("get", "/api/v1/people/{person_id}/records"),
    ("get", "/api/v1/organizations/{organization_id}/records"),
    ("post", "/api/v1/people/{person_id}/ratings"),
    ("post", "/api/v1/organizations/{organization_id}/ratings"),
    ("post", "/api/v1/people/{person_id}/honours"),
    ("post", "/api/v1/organizations/{organization_id}/honours"),
    ("post", "/api/v1/people/{person_id}/initiatives"),
    ("post", "/api/v1/organizations/{organization_id}/initiatives"),
    ("post", "/api/v1/people/{person_id}/discipline"),
    ("post", "/api/v1/people/{person_id}/reviews"),
    ("post", "/api/v1/organizations/{organization_id}/reviews"),
    ("post", "/api/v1/honours/{honour_id}/revoke"),
    ("post", "/api/v1/reviews/{review_id}/close"),
    ("delete", "/api/v1/records/{kind}/{record_id}"),
}
ELIGIBILITY_OPERATIONS = {
    ("get", "/api/v1/people/{person_id}/eligibility"),
    ("get", "/api/v1/organizations/{organization_id}/eligibility"),
    ("get", "/api/v1/eligibility/candidates"),
    ("post", "/api/v1/eligibility/marks"),
    ("delete", "/api/v1/eligibility/marks/{mark_id}"),
}


def test_records_and_eligibility_paths_are_documented(spec):
    assert RECORD_OPERATIONS | ELIGIBILITY_OPERATIONS <= {(method, path) for method, path, _ in _operations(spec)}


def test_records_and_eligibility_answers_are_documented(spec):
    def codes(method, path):
        return set(spec["paths"][path][method]["responses"])

    assert {"200", "400", "403", "404"} <= codes("post", "/api/v1/people/{person_id}/ratings")
    assert {"201", "400", "403", "404"} <= codes("post", "/api/v1/people/{person_id}/honours")
    assert {"201", "400", "403", "404"} <= codes("post", "/api/v1/eligibility/marks")
    assert {"204", "403", "404"} <= codes("delete", "/api/v1/records/{kind}/{record_id}")
    assert {"204", "403", "404"} <= codes("delete", "/api/v1/eligibility/marks/{mark_id}")
    assert {"200", "404", "422"} <= codes("get", "/api/v1/eligibility/candidates")


def _param_enum(spec, method, path, name):
    params = {p["name"]: p for p in spec["paths"][path][method]["parameters"]}
    schema = params[name]["schema"]
    options = schema.get("anyOf", [schema])
    return next(sorted(o["enum"]) for o in options if "enum" in o)


def _record_codes():
    from tdkt.records.domain import codes

    return codes


@pytest.mark.parametrize(
    ("schema", "field", "choices"),
    [
        ("RatingIn", "rating", "RATINGS"),
        ("RatingOut", "rating", "RATINGS"),
        ("HonourIn", "code", "HONOURS"),
        ("HonourOut", "code", "HONOURS"),
        ("InitiativeIn", "kind", "INITIATIVE_KINDS"),
        ("InitiativeIn", "scope", "INITIATIVE_SCOPES"),
        ("InitiativeOut", "scope", "INITIATIVE_SCOPES"),
        ("DisciplineIn", "form", "DISCIPLINE_FORMS"),
        ("DisciplineOut", "form", "DISCIPLINE_FORMS"),
        ("ReviewIn", "reason", "REVIEW_REASONS"),
        ("ReviewOut", "reason", "REVIEW_REASONS"),
        ("MarkIn", "award", "HONOURS"),
        ("EligibilityOut", "award", "HONOURS"),
    ],
)
def test_record_codes_are_enumerations(spec, schema, field, choices):
    assert _enum(spec, schema, field) == sorted(getattr(_record_codes(), choices))


@pytest.mark.parametrize(
    ("schema", "field", "choices"),
    [
        ("MarkIn", "basis", ["cong_hien", "doi_ngoai", "khang_chien", "movement", "nien_han", "regular", "sudden"]),
        ("EligibilityOut", "verdict", ["eligible", "ineligible", "unsupported"]),
        ("EligibilityOut", "regime", ["2013", "2024", "2025"]),
        ("CandidateOut", "verdict", ["eligible", "ineligible", "unsupported"]),
        ("CandidatePage", "target", ["collective", "individual"]),
        ("MarkOut", "target", ["collective", "individual"]),
        ("HonourOut", "kind", ["form", "title"]),
    ],
)
def test_eligibility_values_are_enumerations(spec, schema, field, choices):
    assert _enum(spec, schema, field) == choices


@pytest.mark.parametrize(
    ("method", "path", "name", "choices"),
    [
        (
            "delete",
            "/api/v1/records/{kind}/{record_id}",
            "kind",
            ["discipline", "honour", "initiative", "rating", "review"],
        ),
        ("get", "/api/v1/eligibility/candidates", "target", ["collective", "individual"]),
        (
            "get",
            "/api/v1/eligibility/candidates",
            "basis",
            ["cong_hien", "doi_ngoai", "khang_chien", "movement", "nien_han", "regular", "sudden"],
        ),
        ("get", "/api/v1/eligibility/candidates", "verdict", ["eligible", "ineligible", "marked", "unsupported"]),
    ],
)
def test_eligibility_parameters_are_enumerations(spec, method, path, name, choices):
    assert _param_enum(spec, method, path, name) == choices


@pytest.mark.parametrize(
    "path", ["/api/v1/people/{person_id}/eligibility", "/api/v1/organizations/{organization_id}/eligibility"]
)
def test_subject_eligibility_parameters_and_shape(spec, path):
    operation = spec["paths"][path]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert params["year"]["required"] is True
    assert params["on_date"]["required"] is False
    assert _param_enum(spec, "get", path, "award") == sorted(_record_codes().HONOURS)
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer["type"] == "array"
    result = spec["components"]["schemas"][answer["items"]["$ref"].rsplit("/", 1)[-1]]
    assert {"award", "regime", "verdict", "conditions"} <= set(result["properties"])
    condition = result["properties"]["conditions"]["items"]["$ref"].rsplit("/", 1)[-1]
    assert set(spec["components"]["schemas"][condition]["properties"]) == {"code", "passed", "message", "legal_ref"}


def test_candidates_are_paginated_with_counts_and_quotas(spec):
    operation = spec["paths"]["/api/v1/eligibility/candidates"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert params["organization_id"]["required"] is True
    assert params["limit"]["schema"]["maximum"] == 500
    assert params["offset"]["schema"]["minimum"] == 0
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    properties = spec["components"]["schemas"][page]["properties"]
    assert {
        "count",
        "limit",
        "offset",
        "award",
        "year",
        "regime",
        "on_date",
        "eligible_count",
        "marked_count",
        "quotas",
        "items",
    } <= set(properties)
    item = spec["components"]["schemas"]["CandidateOut"]["properties"]
    assert {"subject_id", "name", "organization_id", "organization", "verdict", "conditions", "marked"} <= set(item)
    quota = spec["components"]["schemas"]["QuotaOut"]["properties"]
    assert {"source", "base_count", "cap", "proposed", "excess"} <= set(quota)


# Movements (issue 4) -----------------------------------------------------------------------------

MOVEMENT_OPERATIONS = {
    ("get", "/api/v1/movements"),
    ("post", "/api/v1/movements"),
    ("get", "/api/v1/movements/{movement_id}"),
    ("patch", "/api/v1/movements/{movement_id}"),
    ("post", "/api/v1/movements/{movement_id}/status"),
    ("post", "/api/v1/movements/{movement_id}/phases"),
    ("post", "/api/v1/movements/{movement_id}/milestones"),
    ("post", "/api/v1/movements/{movement_id}/targets"),
    ("post", "/api/v1/movements/{movement_id}/tasks"),
    ("post", "/api/v1/movements/{movement_id}/tasks/{task_id}/status"),
    ("post", "/api/v1/movements/{movement_id}/contents"),
    ("get", "/api/v1/movements/{movement_id}/registrations"),
    ("post", "/api/v1/movements/{movement_id}/registrations"),
    ("post", "/api/v1/registrations/{registration_id}/decision"),
    ("get", "/api/v1/movements/{movement_id}/covenant"),
    ("post", "/api/v1/movements/{movement_id}/covenant/signatures"),
    ("get", "/api/v1/milestones/{milestone_id}/submissions"),
    ("post", "/api/v1/milestones/{milestone_id}/submissions"),
    ("post", "/api/v1/submissions/{submission_id}/review"),
}


def test_movement_paths_are_documented(spec):
    assert MOVEMENT_OPERATIONS <= {(method, path) for method, path, _ in _operations(spec)}


def test_movement_answers_are_documented(spec):
    def codes(method, path):
        return set(spec["paths"][path][method]["responses"])

    for method, path in MOVEMENT_OPERATIONS:
        if method == "get":
            assert {"200", "401", "422"} <= codes(method, path), path
        else:
            assert {"400", "401", "403", "404", "422"} <= codes(method, path), (method, path)
    created = [
        "/api/v1/movements",
        "/api/v1/movements/{movement_id}/phases",
        "/api/v1/movements/{movement_id}/milestones",
        "/api/v1/movements/{movement_id}/targets",
        "/api/v1/movements/{movement_id}/tasks",
        "/api/v1/movements/{movement_id}/contents",
        "/api/v1/movements/{movement_id}/registrations",
        "/api/v1/movements/{movement_id}/covenant/signatures",
        "/api/v1/milestones/{milestone_id}/submissions",
    ]
    for path in created:
        assert "201" in codes("post", path), path


def _movement_choices():
    from tdkt.movements import models

    return models


@pytest.mark.parametrize(
    ("schema", "field", "choices"),
    [
        ("MovementCreateIn", "kind", "MovementKind"),
        ("MovementOut", "kind", "MovementKind"),
        ("MovementOut", "status", "MovementStatus"),
        ("MovementDetailOut", "status", "MovementStatus"),
        ("MilestoneIn", "kind", "MilestoneKind"),
        ("MilestoneOut", "kind", "MilestoneKind"),
        ("TargetIn", "kind", "TargetKind"),
        ("TaskStatusIn", "status", "TaskStatus"),
        ("TaskOut", "status", "TaskStatus"),
        ("RegistrationOut", "status", "RegistrationStatus"),
        ("SubmissionOut", "status", "SubmissionStatus"),
    ],
)
def test_movement_choices_are_enumerations(spec, schema, field, choices):
    assert _enum(spec, schema, field) == sorted(getattr(_movement_choices(), choices).values)


@pytest.mark.parametrize(
    ("schema", "field"),
    [("TargetIn", "award_code"), ("RegistrationItemIn", "award_code"), ("RegistrationItemOut", "award_code")],
)
def test_movement_award_codes_are_enumerations(spec, schema, field):
    assert _enum(spec, schema, field) == sorted(_record_codes().HONOURS)


def test_movement_status_change_offers_issue_and_close_only(spec):
    assert _enum(spec, "MovementStatusIn", "status") == ["closed", "issued"]


def test_movements_are_paginated_and_filtered(spec):
    operation = spec["paths"]["/api/v1/movements"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert {"year", "q", "kind", "status", "limit", "offset"} <= set(params)
    assert params["limit"]["schema"]["maximum"] == 500
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert {"count", "limit", "offset", "items"} <= set(spec["components"]["schemas"][page]["properties"])


def test_movement_detail_holds_what_the_plan_contains(spec):
    detail = spec["components"]["schemas"]["MovementDetailOut"]["properties"]
    assert {"phases", "milestones", "targets", "tasks", "participants", "content_items", "block"} <= set(detail)
    milestone = spec["components"]["schemas"]["MilestoneOut"]["properties"]
    assert {"report_deadline", "data_from", "data_to"} <= set(milestone)


def test_report_submission_is_a_multipart_upload(spec):
    body = spec["paths"]["/api/v1/milestones/{milestone_id}/submissions"]["post"]["requestBody"]
    schema = body["content"]["multipart/form-data"]["schema"]
    assert {"organization_id", "file", "figures"} <= set(schema["properties"])
    assert schema["properties"]["file"]["format"] == "binary"
    assert set(schema["required"]) == {"organization_id", "file"}


# Commendation (issue 6) ---------------------------------------------------------------------------

AWARD_OPERATIONS = {
    ("get", "/api/v1/awards/forms"),
    ("get", "/api/v1/awards/rounds"),
    ("get", "/api/v1/awards/rounds/{round_id}"),
    ("get", "/api/v1/awards/dossiers"),
    ("post", "/api/v1/awards/dossiers"),
    ("get", "/api/v1/awards/dossiers/{dossier_id}"),
    ("post", "/api/v1/awards/dossiers/{dossier_id}/nominees"),
    ("delete", "/api/v1/awards/nominees/{nominee_id}"),
    ("post", "/api/v1/awards/dossiers/{dossier_id}/attachments"),
    ("delete", "/api/v1/awards/attachments/{attachment_id}"),
    ("post", "/api/v1/awards/dossiers/{dossier_id}/actions/{action}"),
    ("post", "/api/v1/awards/nominees/{nominee_id}/appraisal"),
    ("post", "/api/v1/awards/dossiers/{dossier_id}/appraisal/accept-eligible"),
    ("get", "/api/v1/awards/dossiers/{dossier_id}/votes"),
    ("post", "/api/v1/awards/nominees/{nominee_id}/votes"),
    ("post", "/api/v1/awards/dossiers/{dossier_id}/objections"),
    ("post", "/api/v1/awards/dossiers/{dossier_id}/objections/{objection_id}/resolve"),
    ("post", "/api/v1/awards/dossiers/{dossier_id}/forward"),
    ("post", "/api/v1/awards/dossiers/{dossier_id}/decisions"),
    ("get", "/api/v1/awards/decisions"),
    ("get", "/api/v1/awards/decisions/{decision_id}"),
    ("post", "/api/v1/awards/decisions/{decision_id}/revoke"),
    ("get", "/api/v1/awards/decisions/{decision_id}/files/{kind}"),
    ("post", "/api/v1/awards/decisions/{decision_id}/certificates/retry"),
}


def test_commendation_paths_are_documented(spec):
    assert AWARD_OPERATIONS <= {(method, path) for method, path, _ in _operations(spec)}


def test_commendation_answers_are_documented(spec):
    def codes(method, path):
        return set(spec["paths"][path][method]["responses"])

    assert {"200", "400", "403", "404"} <= codes("post", "/api/v1/awards/dossiers/{dossier_id}/actions/{action}")
    assert {"201", "400", "403", "404"} <= codes("post", "/api/v1/awards/dossiers/{dossier_id}/decisions")
    # The certificates of a large decision are built in the background: 202 until the file is there.
    assert {"200", "202", "404"} <= codes("get", "/api/v1/awards/decisions/{decision_id}/files/{kind}")
