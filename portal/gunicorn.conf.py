"""gunicorn settings for production: `gunicorn -c portal/gunicorn.conf.py portal.wsgi`.

Access log lines carry the path without its query string and without the
Referer: invitation and password-reset links carry secrets in them.
"""

bind = "127.0.0.1:8000"
workers = 3
timeout = 30
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s"'
