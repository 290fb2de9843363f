"""Simulated people of every role walking the main pages (run by bench/load.py).

Each user logs in once through the real login form (allauth, CSRF) with a demo account
of its role, then opens its role's pages in turn, reading each for a think time drawn
evenly from BENCH_THINK ("min,max" seconds, default 3,10: a person reads a list or a form
for some seconds before the next click). The pages per role come from bench/load.py in the
environment (BENCH_PAGES, JSON). Every request's time goes to BENCH_TIMES (one JSON line
each), so bench/load.py can report page views and logins apart.
"""

import json
import os
import re

from locust import HttpUser, between, events, task

PAGES = json.loads(os.environ.get("BENCH_PAGES", "{}"))
PASSWORD = os.environ.get("BENCH_PASSWORD", "")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
THINK = [float(seconds) for seconds in os.environ.get("BENCH_THINK", "3,10").split(",")]
SAMPLES = []


@events.request.add_listener
def _record(request_type, name, response_time, exception, **kwargs):
    kind = "login" if name == "login" else "page"
    SAMPLES.append({"kind": kind, "name": name, "ms": response_time, "error": bool(exception)})


@events.quitting.add_listener
def _write(environment, **kwargs):
    if os.environ.get("BENCH_TIMES"):
        with open(os.environ["BENCH_TIMES"], "w") as file:
            file.writelines(json.dumps(sample) + "\n" for sample in SAMPLES)


class _Person(HttpUser):
    abstract = True
    wait_time = between(*THINK)
    role = ""

    def on_start(self):
        self.pages = PAGES[self.role]["pages"]
        self.index = 0
        email = PAGES[self.role].get("email")
        if not email:
            return
        form = self.client.get("/accounts/login/", name="login form")
        token = CSRF.search(form.text).group(1)
        with self.client.post(
            "/accounts/login/",
            data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login",
            catch_response=True,
        ) as response:
            if "/accounts/login/" in response.url:
                response.failure(f"login of {email} failed")

    @task
    def next_page(self):
        path = self.pages[self.index % len(self.pages)]
        self.index += 1
        self.client.get(path, name=f"{self.role} {path}")


class Coordinator(_Person):
    role = "coordinator"
    weight = 2


class Trainer(_Person):
    role = "trainer"
    weight = 1


class Mentor(_Person):
    role = "mentor"
    weight = 3


class Mentee(_Person):
    role = "mentee"
    weight = 3


class Visitor(_Person):
    role = "anonymous"
    weight = 1
