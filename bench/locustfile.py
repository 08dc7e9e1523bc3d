"""Locust users for bench/load.py: API clients of Dekkend holding a token of one role.

Each user reads the lists a worker opens all day: the pupil list (first page and the next),
a name search, one pupil's record and the school list. Tokens come from the environment
(``LOAD_TOKEN_SWV``, ``LOAD_TOKEN_SCHOOL``, ``LOAD_TOKEN_BOARD``), set by bench/load.py.
"""

import json
import os
import random
from collections import defaultdict
from urllib.parse import urlsplit

from locust import FastHttpUser, between, constant, events, task

SERVER_TIMES: dict[str, list[float]] = defaultdict(list)


@events.quitting.add_listener
def _write_server_times(environment, **kwargs) -> None:
    path = os.environ.get("LOAD_SERVER_TIMES_FILE")
    if path:
        with open(path, "w") as handle:
            json.dump(SERVER_TIMES, handle)


class _ApiUser(FastHttpUser):
    abstract = True
    account_env = ""

    def on_start(self) -> None:
        # TLS ends at the proxy in production; the proxy says so in X-Forwarded-Proto.
        self.headers = {
            "Authorization": f"Token {os.environ[self.account_env]}",
            "X-Forwarded-Proto": "https",
        }
        self.pupil_ids: list[int] = []

    def _get(self, url: str, name: str):
        with self.client.get(url, headers=self.headers, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return None
            self._record_server_time(response, name)
            return response.json()

    def _record_server_time(self, response, name: str) -> None:
        """Keep the server's own time (its Server-Timing header), apart from the time the client
        saw, which includes queueing and Locust itself."""
        timing = response.headers.get("Server-Timing", "")
        if ";dur=" in timing:
            SERVER_TIMES[name].append(float(timing.split(";dur=", 1)[1]))

    @task(4)
    def pupil_list(self) -> None:
        page = self._get("/api/v1/pupils/", "pupil list, first page")
        if page and page["results"]:
            self.pupil_ids = [pupil["id"] for pupil in page["results"]]
            if page.get("next"):
                following = urlsplit(page["next"])
                self._get(f"{following.path}?{following.query}", "pupil list, next page")

    @task(2)
    def pupil_search(self) -> None:
        self._get(f"/api/v1/pupils/?search={random.choice(['de', 'van', 'an', 'el', 'ma'])}", "pupil search")

    @task(2)
    def pupil_record(self) -> None:
        if self.pupil_ids:
            self._get(f"/api/v1/pupils/{random.choice(self.pupil_ids)}/", "pupil record")

    @task(1)
    def school_list(self) -> None:
        self._get("/api/v1/schools/", "school list")


class SwvUser(_ApiUser):
    """An SWV-wide role (secretariaat) without think time."""

    account_env = "LOAD_TOKEN_SWV"
    wait_time = constant(0)


class SchoolUser(_ApiUser):
    """A school role (intern begeleider) without think time: permission filtering narrows every list."""

    account_env = "LOAD_TOKEN_SCHOOL"
    wait_time = constant(0)


class MixSwvUser(_ApiUser):
    account_env = "LOAD_TOKEN_SWV"
    weight = 2
    wait_time = between(1, 5)


class MixSchoolUser(_ApiUser):
    account_env = "LOAD_TOKEN_SCHOOL"
    weight = 7
    wait_time = between(1, 5)


class MixBoardUser(_ApiUser):
    account_env = "LOAD_TOKEN_BOARD"
    weight = 1
    wait_time = between(1, 5)
