from . import territory_ambassador_match_wizard
