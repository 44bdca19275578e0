"""The Celery app: slow or retryable work leaves the request, for a worker to do.

Tasks live in each app's ``tasks`` module (and ``marketplace.core.tasks``). In the
embedded default, ``CELERY_TASK_ALWAYS_EAGER=True``, a task runs inline in the process
that sends it, so a newcomer needs neither broker nor worker. Production sets it to
False, points ``CELERY_BROKER_URL`` (or ``REDIS_URL``) at Redis and runs workers:

    celery -A marketplace worker --loglevel INFO --concurrency 2
    celery -A marketplace beat --loglevel INFO      # periodic tasks, one process only
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

app = Celery("marketplace")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["marketplace.core"])
