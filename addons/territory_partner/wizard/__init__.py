from . import territory_match_wizard, territory_share_wizard
