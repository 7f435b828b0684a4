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
}


@pytest.fixture
def spec(client, db):
    response = client.get("/api/v1/openapi.json")
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
