from . import test_intake_form
from . import test_intake_security
from . import test_public_site
