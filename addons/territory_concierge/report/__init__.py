from . import territory_funnel_report
from . import territory_impact_report
from . import territory_impact_report_document
