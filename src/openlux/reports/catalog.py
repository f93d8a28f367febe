"""Which report each endpoint serves (user and account variants share one definition)."""

from __future__ import annotations

from openlux.core.errors import NotFound
from openlux.reports import event_reports as ev
from openlux.reports import mail_reports as mr
from openlux.reports import summaries as sm
from openlux.reports.engine import AnyReport

SMTP, WEBMAIL = mr.SMTP_CHANNELS, mr.WEBMAIL_CHANNELS

# key → definition; the key is also the first part of a job's CSV file name.
DEFINITIONS: dict[str, AnyReport] = {
    "smtp_sent": mr.sent(SMTP),
    "webmail_sent": mr.sent(WEBMAIL),
    "smtp_delivery": mr.delivery(SMTP),
    "webmail_delivery": mr.delivery(WEBMAIL),
    "smtp_delivery_summary": sm.delivery_summary(SMTP),
    "smtp_tempfail": mr.tempfail(SMTP),
    "smtp_opens": ev.tracking("open", SMTP),
    "webmail_opens": ev.tracking("open", WEBMAIL),
    "smtp_clicks": ev.tracking("click", SMTP),
    "webmail_clicks": ev.tracking("click", WEBMAIL),
    "smtp_opens_summary": sm.tracking_summary("open", SMTP),
    "smtp_clicks_summary": sm.tracking_summary("click", SMTP),
    "fbl": ev.feedback_loops(),
    "fbl_summary": sm.feedback_loop_summary(),
    "suppressions": ev.suppressions(),
    "suppressions_summary": sm.suppression_summary(),
    "smtp_login_failures": ev.login_failures(),
}

# endpoint name (openlux/endpoints.tsv) → report key
ENDPOINTS: dict[str, str] = {}
for _user, _account, _key in (
    ("getEmailSMTPSentReportUser", "getEmailSMTPSentReportAccount", "smtp_sent"),
    ("getEmailWebMailSentReportUser", "getEmailWebMailSentReportAccount", "webmail_sent"),
    ("getEmailSMTPDeliveryStatusReportUser", "getEmailSMTPDeliveryStatusReportAccount", "smtp_delivery"),
    ("getEmailWebMailDeliveryStatusReportUser", "getEmailWebMailDeliveryStatusReportAccount", "webmail_delivery"),
    (
        "getEmailSMTPDeliveryStatusSummaryReportUser",
        "getEmailSMTPDeliveryStatusSummaryReportAccount",
        "smtp_delivery_summary",
    ),
    ("getEmailSMTPTempFailReportUser", "getEmailSMTPTempFailReportAccount", "smtp_tempfail"),
    ("getEmailSMTPOpenReportUser", "getEmailSMTPOpenReportAccount", "smtp_opens"),
    ("getEmailWebMailOpenReportUser", "getEmailWebMailOpenReportAccount", "webmail_opens"),
    ("getEmailSMTPClickReportUser", "getEmailSMTPClickReportAccount", "smtp_clicks"),
    ("getEmailWebMailClickReportUser", "getEmailWebMailClickReportAccount", "webmail_clicks"),
    ("getEmailSMTPOpenSummaryReportUser", "getEmailSMTPOpenSummaryReportAccount", "smtp_opens_summary"),
    ("getEmailSMTPClickSummaryReportUser", "getEmailSMTPClickSummaryReportAccount", "smtp_clicks_summary"),
    ("getEmailFeedBackLoopsReportUser", "getEmailFeedBackLoopsReportAccount", "fbl"),
    ("getEmailFeedBackLoopsSummaryReportUser", "getEmailFeedBackLoopsSummaryReportAccount", "fbl_summary"),
    ("getUserSuppressionReport", "getAccountSuppressionReport", "suppressions"),
    ("getUserSuppressionSummaryReport", "getAccountSuppressionSummaryReport", "suppressions_summary"),
    ("getEmailSMTPLoginFailureReportUser", "getSMTPLoginFailureReportAccount", "smtp_login_failures"),
):
    ENDPOINTS[_user] = ENDPOINTS[_account] = _key


def definition_of(endpoint_name: str) -> tuple[str, AnyReport]:
    """(report key, definition) of an endpoint."""
    key = ENDPOINTS.get(endpoint_name)
    if key is None:
        raise NotFound(f"No report named {endpoint_name}.")
    return key, DEFINITIONS[key]
