from . import (
    crm_lead,
    mail_message,
    res_partner,
    territory_opportunity,
    territory_opportunity_matcher,
    territory_share,
    territory_share_view,
)
