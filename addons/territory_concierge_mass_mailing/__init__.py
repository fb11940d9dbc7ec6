from . import controllers
from . import models


def post_init_hook(env):
    """Households who consented to the newsletter before the module was installed join the list."""
    env["territory.consent"].search(
        [("purpose", "=", "newsletter"), ("is_active", "=", True)])._newsletter_subscribe()
