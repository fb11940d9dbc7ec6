"""What every portal of the conciergerie shares: which states of a record are still open (its
portal page answers), and how long a text typed on a portal may be.

One place for the partner, ambassador, family and stays pages (controllers and models)."""

# A partner organisation's share of a journey, while it lasts.
SHARE_OPEN_STATES = ("proposed", "accepted")
# A sponsorship, while it lasts; "current" once both sides agreed.
SPONSORSHIP_OPEN_STATES = ("proposed", "accepted", "active")
SPONSORSHIP_CURRENT_STATES = ("accepted", "active")
# A household's registration to a discovery stay still to come.
STAY_REGISTRATION_OPEN_STATES = ("draft", "open")

# Texts typed on the portals: a title, a short field (a sector, languages), a free text.
SHORT_LIMIT = 100
TITLE_LIMIT = 200
TEXT_LIMIT = 5000


def too_long(env, text, limit=TEXT_LIMIT):
    """The message to show when ``text`` is longer than ``limit`` characters, else None."""
    if len(text or "") > limit:
        return env._("At most %(limit)s characters.", limit=limit)
    return None
