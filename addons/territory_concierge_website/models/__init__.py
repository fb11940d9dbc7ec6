from . import territory_intake_attempt
from . import crm_lead
