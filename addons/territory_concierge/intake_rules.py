"""The rules every intake channel shares (crm.lead.intake_households): who stands behind a
channel, what an address must look like, how names and words compare."""

import re
import unicodedata

# Who stands behind each intake channel. Staff channels fill what a known household's journey
# lacks; anonymous ones prove nothing and never change an existing journey.
INTAKE_CHANNELS = {"import": "staff", "web_form": "anonymous", "email": "anonymous"}
# Journey values a channel may not set through ``values`` (the intake decides them).
INTAKE_RESERVED_FIELDS = {
    "team_id", "user_id", "stage_id", "type", "active", "consent_ids", "household_member_ids", "partner_id",
    "company_id", "anonymised_date", "furthest_stage_id", "lost_reason_id", "stage_history_ids",
    "email_from", "phone", "name", "contact_name", "profile_ids",
}
# An address the household can be written to: a domain with a dot and a top-level domain.
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
# Journeys matched in one query for at most this many addresses or phones.
SEARCH_CHUNK = 500


def simplify(text):
    """Lower case, accents and punctuation removed: 'Salarié qualifié' → 'salarie qualifie'."""
    text = unicodedata.normalize("NFKD", str(text or "").lower().replace("œ", "oe"))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9<>]+", " ", text).strip()


def same_name(one, other):
    """Same words, whatever the order, case, accents and punctuation: 'HÉBERT Anaïs' = 'Anaïs Hébert'."""
    return bool(simplify(one)) and sorted(simplify(one).split()) == sorted(simplify(other).split())
