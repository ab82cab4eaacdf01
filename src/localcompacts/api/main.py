"""The public API, version 1: `/api/v1/` (docs at `/api/v1/docs`, schema at `/api/v1/openapi.json`)."""

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from . import errors
from .auth import API_AUTH
from .routers import (  # drafting adds its operations to the pledges router
    drafting,  # noqa: F401
    endorsements,
    exchange,
    forums,
    governments,
    matching,
    pledges,
    reporting,
    statistics,
    taxonomies,
)
from .throttling import API_THROTTLES

DESCRIPTION = """\
Published pledges and practices of local and regional governments for the Global Compact for
Migration (GCM) and the Global Compact on Refugees (GCR), the governments, review forums and the UN
taxonomies. Reads are open to everyone; a personal API token (`Authorization: Bearer …`, created
under /accounts/tokens/) raises the rate limit and shows its holder what they may see on the site.
Partner writes (tagged "partner: …") need a token and apply the site's own rules: focal points
draft, submit and report progress, reviewers review, the secretariat upserts in bulk.
Errors always look like `{"code", "message", "errors": [{"field", "message"}]}`. See docs/api.md.
"""

COMMON_ERRORS = {
    "401": "The Authorization header holds no valid, active API token.",
    "429": "Rate limit reached; the Retry-After header says how many seconds to wait.",
}


class LocalCompactsAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation.view_func.__name__  # short and stable: pledge_list, pledge_detail…

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        error_ref = {"$ref": "#/components/schemas/Error"}
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                # Reads: a token is optional (an empty requirement means "anonymous is fine too").
                # Writes require one.
                if operation.get("security") and method == "get":
                    operation["security"] = [*operation["security"], {}]
                errors = dict(COMMON_ERRORS)
                if operation.get("parameters"):
                    errors["422"] = "A parameter is not valid; `errors` says which and why."
                if operation.get("requestBody"):
                    errors["400"] = "The body is not JSON, or cannot be read."
                    errors["413"] = "The body is larger than the limit (5 MiB)."
                    errors["422"] = "The body breaks a rule; `errors` says which field and why."
                # ninja keys responses by int, JSON by string: one key per status, as strings.
                operation["responses"] = {str(k): v for k, v in operation["responses"].items()}
                for status, description in errors.items():
                    operation["responses"].setdefault(
                        status,
                        {
                            "description": description,
                            "content": {"application/json": {"schema": error_ref}},
                        },
                    )
        return schema


api = LocalCompactsAPI(
    title="Local Compacts API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=API_AUTH,
    throttle=API_THROTTLES,
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("", pledges.router)
api.add_router("", governments.router)
api.add_router("", endorsements.router)
api.add_router("", forums.router)
api.add_router("", taxonomies.router)
api.add_router("", statistics.router)
api.add_router("", reporting.router)
api.add_router("", exchange.router)
api.add_router("", matching.router)
