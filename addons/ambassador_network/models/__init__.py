from . import crm_lead, crm_team, res_partner, territory_ambassador_matcher, territory_sponsorship
