"""Issue 9 item 11: a user's contact fields (name, company, addresses, phones …) are sealed at rest; the
login stays in clear (every auth path matches it, getUserReport lists and sorts by it).

Written through createUser and updateUser over signed HTTP on both backends, read back through getUser
and getUserReport; raw SQL finds none of the values.
"""

from __future__ import annotations

import uuid

from openlux.client import Client
from tests.support.dbquery import fetch_all
from tests.support.server import RunningServer

PASSWORD = "Sealed-Contact-Pass1"


def test_contact_fields_are_sealed_and_the_login_stays_clear(server: RunningServer, account_api: Client) -> None:
    tag, domain = uuid.uuid4().hex[:10], f"d{uuid.uuid4().hex[:10]}.example"  # the tag marks contact fields only
    account_api.create_domain(domain=domain)
    given = {
        "contact": f"Jane Roe {tag}",
        "company": f"Springfield Clinic {tag}",
        "email1": f"jane.private.{tag}@example.net",
        "phone1": f"+1 555 {tag[:4]}",
        "street1": f"{tag} Elm Street",
        "city": f"Springfield{tag}",
    }
    jane, zed = f"jane@{domain}", f"zed@{domain}"
    account_api.create_user(user=f"Zed@{domain}", password=PASSWORD, contact=f"Zed {tag}")
    created = account_api.create_user(user=jane, password=PASSWORD, **given)
    assert {name: created[name] for name in given} == given
    with server.user_api(user=jane, password=PASSWORD) as as_jane:
        changed = as_jane.update_user(phone2=f"+1 555 {tag[4:8]}", zip=f"Z{tag}", custom1=f"MRN {tag}")
        assert changed["zip"] == f"Z{tag}" and changed["contact"] == given["contact"]
        profile = as_jane.get_user()
    assert {name: profile[name] for name in given} == given
    assert (profile["phone2"], profile["custom1"]) == (f"+1 555 {tag[4:8]}", f"MRN {tag}")

    raw = fetch_all(server.database_url, "SELECT * FROM app_user WHERE login LIKE :d", d=f"%@{domain}")
    assert tag not in repr(raw)  # no contact field in clear
    assert all(str(row["contact_fields"]).startswith("ol1:") for row in raw)
    assert sorted(row["login"] for row in raw) == [jane, zed]  # the login is the one field kept in clear

    # getUserReport still lists (sorted by login) and shows the opened fields; getUser by name too.
    report = account_api.get_user_report(domain=domain)
    assert [u["user"] for u in report] == [jane, zed]
    assert report[0]["contact"] == given["contact"] and report[0]["custom1"] == f"MRN {tag}"
    assert report[1]["contact"] == f"Zed {tag}"
    assert account_api.get_user(username=jane.upper())["street1"] == given["street1"]
