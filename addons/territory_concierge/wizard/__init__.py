from . import territory_commune_import
from . import crm_lead_lost
