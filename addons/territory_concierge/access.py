"""Access checks shared by the conciergerie's modules."""

from odoo.exceptions import AccessError

CONCIERGE_GROUP = "territory_concierge.group_concierge_user"


def check_concierge_staff(env):
    """The conciergerie's own acts (closing a share, starting a sponsorship, opening the
    directory's lists, matching) are checked before anything runs as superuser, whatever the
    route: a form button, RPC (``call_kw``) or JSON-2.

    :raise AccessError: anyone who is not conciergerie staff
    """
    if not env.su and not env.user.has_group(CONCIERGE_GROUP):
        raise AccessError(env._("Only the conciergerie's staff can do this."))


def check_links_readable(records, field_name):
    """Records that name others (the journeys of wizards and stay registrations, the template
    desk of a new territory) name only those the current user may read: read back, a link
    would give another territory's household's or desk's name (Odoo reads the display name of
    a link as superuser).

    Called from constraints, which Odoo runs as superuser: checked as the user they run for.

    :raise AccessError: a record the user may not read
    """
    as_user = records.with_user(records.env.uid)
    linked = as_user.mapped(field_name)
    if linked and not as_user.env.su:
        linked.check_access("read")
