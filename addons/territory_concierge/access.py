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
