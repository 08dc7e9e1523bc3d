"""A task for the worker-kill test: it says when it starts, works for a while, then records
that it finished — in files, so the test can watch it from outside the worker."""

import time
from pathlib import Path

from django.conf import settings
from django_tasks import task


@task()
def slow_probe(seconds: float) -> str:
    folder = Path(settings.VAR_DIR)
    with (folder / "probe-started").open("a") as log:
        log.write("started\n")
    time.sleep(seconds)
    with (folder / "probe-finished").open("a") as log:
        log.write("finished\n")
    return "finished"
