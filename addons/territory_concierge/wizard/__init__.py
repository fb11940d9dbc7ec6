from . import territory_commune_import
from . import crm_lead_lost
from . import territory_setup_wizard
from . import territory_orientation_wizard
