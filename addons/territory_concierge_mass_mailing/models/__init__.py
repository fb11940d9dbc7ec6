from . import crm_lead
from . import mailing_contact
from . import mailing_list
from . import mailing_subscription
from . import territory_consent
from . import utm_campaign
