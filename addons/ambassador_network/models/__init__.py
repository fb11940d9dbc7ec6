from . import crm_lead, res_partner, territory_ambassador_matcher, territory_sponsorship
