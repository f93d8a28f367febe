"""Python SDK for the LuxSci REST API v2 — works against rest.luxsci.com and OpenLux alike.

    from openlux.client import Client
    with Client("https://rest.luxsci.com", TOKEN, SECRET, user="jane@example.com", password="…") as api:
        print(api.get_user())
        api.update_user(contact="Jane Doe")

One method per endpoint, named after it in snake_case and generated (scripts/gen-client-methods)
from the same endpoint table, routes and request models as the server, so each has a real
signature and docstring (`help(Client.create_email_template)`). Path parameters are keyword
arguments (`username` defaults to the signed-in user for user-scope endpoints, `account` to the
client's account); the documented parameters and any
other keyword (`**extra`, passed through as given) go to the query string (GET, DELETE) or the
JSON body (POST, PUT); arguments left at None are not sent. `files=[(name, bytes), …]` sends
multipart. A method returns the envelope's `data` (or the whole envelope when there is none)
and raises LuxSciError when the server says `success: 0`. An expired auth code is renewed once,
transparently.
"""

from openlux.client._core import LuxSciError
from openlux.client.aio import AsyncClient
from openlux.client.sync import Client

__all__ = ["AsyncClient", "Client", "LuxSciError"]
