from . import test_intake_form
from . import test_intake_security
