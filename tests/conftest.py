"""Fixtures of the tests that talk to a running Odoo from outside.

``make test`` starts an Odoo server on the test database and sets ODOO_URL,
ODOO_DB and ODOO_CONFIG. Users and API keys are created directly in that
database through Odoo's registry (the only way to get a first API key), then
every test talks to the server over HTTP, as a real client would.
"""

import os
import sys
import uuid
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))


def pytest_configure(config):
    config.addinivalue_line("markers", "server: needs the Odoo server started by make test")


@pytest.fixture(scope="session")
def odoo_url():
    url = os.environ.get("ODOO_URL")
    if not url:
        pytest.fail("ODOO_URL is not set: run these tests through `make test`")
    return url


@pytest.fixture(scope="session")
def odoo_db():
    return os.environ["ODOO_DB"]


@pytest.fixture(scope="session")
def registry(odoo_db):
    import odoo  # noqa: PLC0415  (only importable where Odoo is installed)
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["-c", os.environ["ODOO_CONFIG"]])
    return odoo.modules.registry.Registry(odoo_db)


@pytest.fixture(scope="session")
def make_user(registry):
    """Create a user in the given groups and return (user id, API key)."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    def _make_user(groups, login=None, **values):
        login = login or f"ext_{uuid.uuid4().hex[:8]}"
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            user = env["res.users"].with_context(no_reset_password=True).create({
                "name": values.pop("name", login), "login": login, "email": f"{login}@example.org",
                "group_ids": [(6, 0, [env.ref(group).id for group in groups])], **values,
            })
            key = env["res.users.apikeys"].with_user(user).sudo()._generate(None, "pytest", None)
            return user.id, key

    return _make_user


@pytest.fixture(scope="session")
def ref(registry):
    """Database id of a record from its XML id (the API does not expose ir.model.data to users)."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    def _ref(xmlid):
        with registry.cursor() as cr:
            return api.Environment(cr, SUPERUSER_ID, {}).ref(xmlid).id

    return _ref


class Json2Client:
    """Minimal JSON-2 client: POST /json/2/<model>/<method> with a bearer API key."""

    def __init__(self, url, db, key):
        self.url, self.session = url, requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {key}", "X-Odoo-Database": db})

    def call(self, model, method, ids=(), **kwargs):
        payload = {"ids": list(ids), **kwargs} if ids else kwargs
        return self.session.post(f"{self.url}/json/2/{model}/{method}", json=payload, timeout=60)


@pytest.fixture(scope="session")
def client_for(odoo_url, odoo_db, make_user):
    def _client_for(*groups, **values):
        uid, key = make_user(groups, **values)
        client = Json2Client(odoo_url, odoo_db, key)
        client.uid = uid
        return client

    return _client_for


@pytest.fixture(scope="session")
def concierge(client_for):
    return client_for("territory_concierge.group_concierge_user")
