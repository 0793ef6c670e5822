"""Leads: submitted applications, their delivery to the staff chat, and export. No Telegram imports here.

    model     Lead, Consent, StatusChange, statuses and flags, lead_ref ("A-000123")
    errors    the exception tree (LeadError, DeliveryError and their subclasses)
    submission  submit_application -> Accepted | LimitReached | Incomplete; the daily limit, the crisis window
    store     LeadStore: submit, status, withdrawal and retention, each with its outbox rows in one transaction
    outbox    Outbox: what must reach the staff chat, its delivery state and claims (sent once)
    delivery  DeliveryWorker, the LeadSink protocol the Telegram adapter implements, DeliveryAlerts for staff
    card      format_card / format_notice (Telegram HTML), STATUSES for the buttons
    export    export_csv for Excel
"""

from bot.leads.card import STATUS_BUTTONS, STATUSES, format_card, format_notice
from bot.leads.delivery import Backoff, DeliveryHealth, DeliveryWorker, LeadSink
from bot.leads.errors import (
    DeliveryError,
    LeadError,
    LeadStatusError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
    UnknownLeadError,
)
from bot.leads.export import export_csv
from bot.leads.model import Consent, Lead, StatusChange, lead_ref, parse_lead_ref
from bot.leads.outbox import Outbox, OutboxEntry
from bot.leads.store import LeadStore

__all__ = [
    "STATUSES",
    "STATUS_BUTTONS",
    "Backoff",
    "Consent",
    "DeliveryError",
    "DeliveryHealth",
    "DeliveryWorker",
    "Lead",
    "LeadError",
    "LeadSink",
    "LeadStatusError",
    "LeadStore",
    "Outbox",
    "OutboxEntry",
    "PermanentDeliveryError",
    "StatusChange",
    "TemporaryDeliveryError",
    "UnknownLeadError",
    "export_csv",
    "format_card",
    "format_notice",
    "lead_ref",
    "parse_lead_ref",
]
