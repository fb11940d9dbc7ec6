from . import territory_intake_attempt
from . import territory_intake_submission
from . import crm_lead
from . import crm_lead_campaign
from . import territory_setup_wizard
from . import website
