"""Every area's table module, in one explicit list, so `Base.metadata` knows every table.

Alembic's environment imports this module; nothing else needs to (a module that queries a
table imports that table's model itself). A new area with tables adds its `models` here.
"""

from __future__ import annotations

from types import ModuleType

from openlux.accounts import models as accounts_models
from openlux.admin import models as admin_models
from openlux.audit import models as audit_models
from openlux.auth import models as auth_models
from openlux.console import models as console_models
from openlux.content import models as content_models
from openlux.inbound import models as inbound_models
from openlux.mail import models as mail_models
from openlux.marketing import models as marketing_models
from openlux.reports import models as reports_models
from openlux.secureforms import models as secureforms_models
from openlux.secureline import models as secureline_models
from openlux.securesend import models as securesend_models
from openlux.securetext import models as securetext_models
from openlux.suppressions import models as suppressions_models
from openlux.tracking import models as tracking_models
from openlux.webaides import models as webaides_models
from openlux.webhooks import models as webhooks_models

MODEL_MODULES: tuple[ModuleType, ...] = (
    auth_models,
    accounts_models,
    admin_models,
    audit_models,
    console_models,
    content_models,
    inbound_models,
    mail_models,
    marketing_models,
    reports_models,
    secureforms_models,
    secureline_models,
    securesend_models,
    securetext_models,
    suppressions_models,
    tracking_models,
    webaides_models,
    webhooks_models,
)
