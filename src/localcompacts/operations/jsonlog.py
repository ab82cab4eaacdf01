"""One JSON object per log line, for journald / a log shipper:

{"time": "...", "level": "INFO", "logger": "localcompacts.request", "message": "GET / 200 3.1ms",
 "request_id": "…", "user_id": 7, "method": "GET", "path": "/", "status": 200, "duration_ms": 3.1}
"""

import datetime
import json
import logging

from .logcontext import request_id_var, user_id_var

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
# Django's own request logging attaches the request and server objects: not serialisable.
_SKIP = {"request", "server_time", "server"}


class RequestContextFilter(logging.Filter):
    """Adds the current request id and user id to every record logged during a request."""

    def filter(self, record):
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id_var.get()
        if getattr(record, "user_id", None) is None:
            record.user_id = user_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        payload = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key in _STANDARD or key in _SKIP or key.startswith("_"):
                continue
            payload[key] = value if _is_plain(value) else str(value)
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False, default=str)


def _is_plain(value) -> bool:
    return value is None or isinstance(value, str | int | float | bool | list | dict)
