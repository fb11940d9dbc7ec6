from . import territory_stay_invite_wizard
