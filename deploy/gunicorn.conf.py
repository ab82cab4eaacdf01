"""gunicorn settings for Local Compacts (`gunicorn -c deploy/gunicorn.conf.py localcompacts.config.wsgi`).

Sized by cores: (2 x cores + 1) processes with 4 threads each (gthread), so a slow client or a
slow query does not hold a whole process. Every value can be overridden from the environment.
"""

import multiprocessing
import os

_cores = multiprocessing.cpu_count()

wsgi_app = "localcompacts.config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND") or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * _cores + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Idle keep-alive connections from the proxy stay open longer than the proxy keeps them
# (nginx's upstream `keepalive_timeout`, 60 s by default; deploy/nginx sets 30 s). Otherwise the
# proxy may send a request down a connection gunicorn is closing: nginx retries a GET elsewhere
# but answers 502 to a POST (seen in bench/scaleout.py).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Recycle processes now and then, so a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# The application writes one structured line per request (RequestLogMiddleware).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Trust X-Forwarded-* only from the reverse proxy.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
raw_env = [
    "DJANGO_SETTINGS_MODULE="
    + os.environ.get("DJANGO_SETTINGS_MODULE", "localcompacts.config.settings.production")
]
# gunicorn >= 24 opens a control socket under $HOME; systemd manages the process instead.
control_socket_disable = True
