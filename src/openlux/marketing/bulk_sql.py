"""The one statement per batch that addContacts writes with: rows travel as one JSON parameter.

SQLAlchemy's multi-row VALUES is compiled anew per batch (7,000 bind parameters) and its
executemany + RETURNING costs about as much as the rest of the call; unpacking one JSON array
in the database (SQLite `json_each`, PostgreSQL `json_to_recordset`) takes a few milliseconds
per 1,000 rows on both. Both are plain SQL/JSON1 functions, shipped with every supported version.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, bindparam, cast, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.selectable import Select

from openlux.core import sealing
from openlux.core.crypto import SecretBox
from openlux.db import UtcDateTime

SEALED_EMAIL = "marketing_contact.email"  # the purpose of MarketingContact.email (openlux.db.SealedText)
SEALED_FIELDS = "marketing_contact.fields"  # the purpose of MarketingContact.fields (openlux.db.SealedJSON)

_COLUMNS = "list_id, email, email_index, status, fields, created_at, modified_at, unsubscribed_at"
# unsubscribed_at: set when a contact leaves, kept while it stays out, cleared when it comes back.
_CONFLICT = """
ON CONFLICT (list_id, email_index) DO UPDATE SET status = excluded.status, fields = excluded.fields,
    modified_at = excluded.modified_at,
    unsubscribed_at = CASE WHEN excluded.status = 'subscribed' THEN NULL
                           ELSE COALESCE(marketing_contact.unsubscribed_at, excluded.unsubscribed_at) END
RETURNING id, email_index"""
_SOURCES = {
    "sqlite": """
SELECT :list_id, json_extract(value, '$.e'), json_extract(value, '$.i'), json_extract(value, '$.s'),
       json_extract(value, '$.f'), :now, :now,
       CASE WHEN json_extract(value, '$.s') = 'subscribed' THEN NULL ELSE :now END
FROM json_each(:rows) WHERE true""",  # WHERE: SQLite's parser needs it before ON CONFLICT after a SELECT
    "postgresql": """
SELECT :list_id, r.e, r.i, r.s, r.f, :now, :now, CASE WHEN r.s = 'subscribed' THEN NULL ELSE :now END
FROM json_to_recordset(CAST(:rows AS json)) AS r(e text, i text, s text, f text)""",
}
_STATEMENTS = {
    dialect: text(f"INSERT INTO marketing_contact ({_COLUMNS}) {source} {_CONFLICT}").bindparams(
        bindparam("now", type_=UtcDateTime())
    )
    for dialect, source in _SOURCES.items()
}


async def upsert_contacts(
    session: AsyncSession,
    *,
    list_id: int,
    rows: list[dict[str, Any]],
    indexes: dict[str, str],
    now: datetime,
    box: SecretBox,
) -> list[tuple[int, str]]:
    """Insert or update contacts {email, status, fields} of one list; (id, email) of each.

    The statement bypasses the column types, so the address travels sealed (`e`) with its blind index
    (`i`, from `indexes`: blind index → address, as the caller computed them with `box`), and the
    custom field values sealed as SealedJSON stores them (`f`); the conflict target is the index.
    """
    index_of = {email: index for index, email in indexes.items()}
    indexed = [(index_of[r["email"]], r) for r in rows]
    payload = json.dumps(
        [
            {
                "e": sealing.seal_value(r["email"], SEALED_EMAIL, box),
                "i": index,
                "s": r["status"],
                "f": sealing.seal_value(json.dumps(r["fields"]), SEALED_FIELDS, box),
            }
            for index, r in indexed
        ],
        separators=(",", ":"),
    )
    statement = _STATEMENTS[session.get_bind().dialect.name]
    result = await session.execute(statement, {"list_id": list_id, "rows": payload, "now": now})
    return [(row[0], indexes[row[1]]) for row in result]


def index_set(dialect: str, indexes: list[str]) -> Select[tuple[str]]:
    """The blind indexes as a one-column SELECT for `IN`, unpacked from one JSON parameter.

    A bound IN list is one statement per list length and an inlined one a new statement per batch:
    both fill the drivers' prepared-statement caches (sqlite3 and asyncpg keep 100+ per connection)
    with statements of thousands of parameters or literals, megabytes each, that never run again
    (the API process grew by ~60 MB over ten 10,000-contact calls). One JSON parameter keeps the
    statement text constant, and PostgreSQL plans it the same for every call (a 1,000-parameter
    IN got a generic plan that scanned the whole list from the sixth call on).
    """
    payload = bindparam("indexes", json.dumps(indexes), type_=String)
    if dialect == "postgresql":
        return select(func.json_array_elements_text(cast(payload, JSON)).column_valued("value"))
    return select(func.json_each(payload).table_valued("value").c.value)
