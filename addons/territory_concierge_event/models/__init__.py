from . import crm_lead, event_event, event_registration, territory_stay_slot
