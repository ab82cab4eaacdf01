"""The API's contract is under review: the committed openapi.json must match the code."""

import json

from localcompacts.api.openapi import SNAPSHOT, openapi_document


def test_committed_schema_matches_the_code():
    assert SNAPSHOT.read_text(encoding="utf-8") == openapi_document(), (
        "The API changed: run `make openapi`, review the diff of "
        "src/localcompacts/api/openapi.json and commit it (see docs/api.md, versioning)."
    )


def test_served_schema_is_the_committed_one(anonymous_client, db):
    served = anonymous_client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert served == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_every_operation_documents_its_errors_and_who_may_call_it():
    schema = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    writes = 0
    for path, operations in schema["paths"].items():
        assert path.startswith("/api/v1/")
        assert set(operations) <= {"get", "post", "patch"}, path
        for method, operation in operations.items():
            responses = operation["responses"]
            assert {"401", "429"} <= set(responses), path
            assert {"200", "201"} & set(responses), path
            assert {"TokenAuth": []} in operation["security"]
            if method == "get":
                assert {} in operation["security"]  # anonymous reads are allowed
            else:
                writes += 1
                assert operation["security"] == [{"TokenAuth": []}]  # writes need a token
                assert {"403", "404", "422"} & set(responses), path
    assert writes == 7


def test_schema_has_no_duplicate_keys():
    """Python would accept {422: …, "422": …}; JSON parsers such as Swagger UI's refuse it."""

    def refuse_duplicates(pairs):
        keys = [key for key, _value in pairs]
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    json.loads(SNAPSHOT.read_text(encoding="utf-8"), object_pairs_hook=refuse_duplicates)
