"""HTTP behaviour of everything under /api/: language from `lang=`, CORS for reads, ETag and 304,
JSON error bodies for 404/405 that Django or ninja answer before any operation runs."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from .errors import error_body, too_large_message

API_PREFIX = "/api/"
READ_METHODS = ("GET",)
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Retry-After, Content-Language",
}


def _json_error(status: int, message: str, original: HttpResponseBase) -> HttpResponse:
    import json

    response = HttpResponse(
        json.dumps(error_body(status, message)), status=status, content_type="application/json"
    )
    if original.has_header("Allow"):
        response["Allow"] = original["Allow"]
    return response


def _add_cors(response: HttpResponseBase) -> None:
    for name, value in CORS_HEADERS.items():
        response[name] = value


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            # CORS preflight: reads only, with the safelisted headers plus If-None-Match.
            preflight = HttpResponse(status=204)
            _add_cors(preflight)
            preflight["Access-Control-Allow-Methods"] = "GET"
            preflight["Access-Control-Allow-Headers"] = "Accept-Language, If-None-Match"
            preflight["Access-Control-Max-Age"] = "86400"
            return preflight
        language = request.GET.get("lang", "")
        if language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        is_json = response.get("Content-Type", "").startswith("application/json")
        if response.status_code == 404 and not is_json:
            response = _json_error(404, _("Not found."), response)
        elif response.status_code == 405 and not is_json:
            response = _json_error(405, _("This method is not allowed here."), response)
        elif response.status_code == 413 and not is_json:  # a proxy or server refused the body
            response = _json_error(413, too_large_message(), response)
        elif response.status_code == 400 and not is_json:  # e.g. too many form fields
            response = _json_error(400, _("The request cannot be read."), response)
        if request.method in READ_METHODS:
            _add_cors(response)
            patch_vary_headers(response, ("Accept-Language", "Authorization"))
            # HttpResponse, not a streaming one: there is a body to hash.
            if response.status_code == 200 and isinstance(response, HttpResponse):
                response = self._conditional(request, response)
        return response

    def _conditional(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        response["Cache-Control"] = (
            "private, no-cache" if "HTTP_AUTHORIZATION" in request.META else "public, no-cache"
        )
        candidates = [
            tag.strip().removeprefix("W/")
            for tag in request.headers.get("If-None-Match", "").split(",")
        ]
        if etag in candidates or "*" in candidates:
            not_modified = HttpResponse(status=304)
            for header in ("ETag", "Cache-Control", "Vary", "Content-Language", *CORS_HEADERS):
                if response.has_header(header):
                    not_modified[header] = response[header]
            return not_modified
        return response
