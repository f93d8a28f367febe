"""Report jobs, and the report indexes on the queue tables.

The events reports read belong to their writers: opens, clicks and unsubscribes to openlux.tracking,
bounces and complaints to openlux.inbound.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core import time as clock
from openlux.db import Base, BigIntId, UtcDateTime
from openlux.mail.models import DeliveryAttempt, OutboundMessage, OutboundRecipient

# DESIGN.md §5: the first page of a report reads one account's (or user's) messages in send order
# and stops after 50; channel sits after the order columns (an IN list on a leading column would
# force a sort) and recipient_count makes the delivery report's count an index-only sum.
_REPORT_ORDER = (
    OutboundMessage.created_at,
    OutboundMessage.id,
    OutboundMessage.channel,
    OutboundMessage.recipient_count,
)
Index("ix_outbound_message_report_account", OutboundMessage.account_id, *_REPORT_ORDER)
Index("ix_outbound_message_report_user", OutboundMessage.user_id, *_REPORT_ORDER)
# Status-filtered sent reports (issue 11 item 5): state right after the owner, then the report order,
# so the count and the first page are one index range each (the `status` filter is one state).
_STATUS_ORDER = (OutboundMessage.state, *_REPORT_ORDER)
Index("ix_outbound_message_report_account_state", OutboundMessage.account_id, *_STATUS_ORDER)
Index("ix_outbound_message_report_user_state", OutboundMessage.user_id, *_STATUS_ORDER)
# Status-filtered delivery reports start from the recipients in that state and check the message's
# owner, channel and date from this covering index instead of the wide row (sealed MIME first).
Index(
    "ix_outbound_message_report_probe",
    OutboundMessage.id,
    OutboundMessage.account_id,
    OutboundMessage.user_id,
    OutboundMessage.channel,
    OutboundMessage.created_at,
)
# Status-filtered delivery reports (issue 11): the recipient rows carry their message's account,
# channel and date (mail.models.OutboundRecipient), so the count is one range of this index and the
# first page is its first rows, already in report order (date, message id, recipient id).
Index(
    "ix_outbound_recipient_report_account_state",
    OutboundRecipient.account_id,
    OutboundRecipient.state,
    OutboundRecipient.created_at,
    OutboundRecipient.message_id,
    OutboundRecipient.id,
    OutboundRecipient.channel,
)
# Suppressed recipients are counted apart from the queued ones (reports.mail_reports.delivery).
Index("ix_outbound_recipient_report_state", OutboundRecipient.state, OutboundRecipient.message_id)
# The temp-fail report reads deferred attempts in time order.
Index("ix_delivery_attempt_report_outcome", DeliveryAttempt.outcome, DeliveryAttempt.at, DeliveryAttempt.id)


class RecipientStateCount(Base):
    """How many recipient rows in a final state (sent, escrowed, failed, suppressed) an account has
    per channel, state and UTC day of created_at, for each user and for the whole account: the
    delivery reports' total_matches without counting index entries (reports/state_counts.py; queued
    and deferred rows come from the index).

    Kept by database triggers on outbound_recipient (migration 5e2f1a7c9d30), in the same transaction
    as the row they count, so every writer keeps it exact: the queue, the worker, operators'
    requeues, cascading deletes. SQLite's triggers update it in place; PostgreSQL's append to
    RecipientStateDelta, which `state_counts.fold_deltas` moves here.
    """

    __tablename__ = "recipient_state_count"

    # No foreign key: deleting an account deletes its recipients, whose triggers count the account's
    # counters down to zero while the account row goes; a key to it would refuse those writes.
    account_id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    # The message's user (0: none), or -1 (state_counts.ALL_USERS) for the account-wide count every
    # change is also added to: an account's total reads one row per day, however many users it has.
    user_id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    channel: Mapped[str] = mapped_column(String(20), primary_key=True)  # '' for a row without one
    state: Mapped[str] = mapped_column(String(10), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger, default=0)


class RecipientStateDelta(Base):
    """PostgreSQL: one change to a RecipientStateCount (+1 or -1 under the message's user), appended
    by the triggers and folded into the counters by the report-counters role (state_counts.fold_deltas).
    Appending never waits on another writer and stays linear in a long transaction; an in-place
    counter would leave PostgreSQL one more row version to walk per update. Empty on SQLite."""

    __tablename__ = "recipient_state_delta"
    __table_args__ = (Index("ix_recipient_state_delta_account_state_day", "account_id", "state", "day"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(BigIntId)
    user_id: Mapped[int] = mapped_column(BigIntId)  # 0: none; never -1 (the fold adds the account's row)
    channel: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(10))
    day: Mapped[date] = mapped_column(Date)
    n: Mapped[int] = mapped_column(Integer)


class JobStatus(StrEnum):
    """report_job.status, as getUserJob / getAccountJob report it (spec 30 §A.6)."""

    SUBMITTED = "submitted"
    PREPARING = "preparing"  # claimed by a worker
    RUNNING = "running"
    UPLOADING = "uploading"  # written; being handed to its destination
    COMPLETE = "complete"
    FAILED = "failed"


JOB_ACTIVE_STATES = (JobStatus.SUBMITTED, JobStatus.PREPARING, JobStatus.RUNNING, JobStatus.UPLOADING)
JOB_FINAL_STATES = (JobStatus.COMPLETE, JobStatus.FAILED)


class ReportJob(Base):
    """One asynchronous report request (spec 30 §A.5/§A.6)."""

    __tablename__ = "report_job"
    __table_args__ = (
        Index("ix_report_job_account_status", "account_id", "status"),
        Index("ix_report_job_status_updated", "status", "updated_at"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), nullable=True)
    report: Mapped[str] = mapped_column(String(100))  # the endpoint name, e.g. getEmailSMTPSentReportUser
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # dates, paging, filters
    destination: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # kind, hostname, port, path, username
    destination_secret_sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    filename: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default=JobStatus.SUBMITTED.value)
    status_detail: Mapped[str] = mapped_column(String(1000), default="")
    expected_rows: Mapped[int | None] = mapped_column(Integer, nullable=True)
    completed_rows: Mapped[int | None] = mapped_column(Integer, nullable=True)
    file_size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
