from . import test_intake_form
