from . import (
    crm_lead,
    ir_binary,
    mail_message,
    res_partner,
    territory_opportunity,
    territory_opportunity_matcher,
    territory_share,
    territory_share_view,
)
