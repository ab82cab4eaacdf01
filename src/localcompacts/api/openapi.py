"""The OpenAPI document, as committed in `openapi.json` next to this file (`make openapi`)."""

import json
from pathlib import Path

from django.utils import translation

SNAPSHOT = Path(__file__).with_name("openapi.json")


def openapi_document() -> str:
    from .main import api

    with translation.override("en"):
        schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
