from . import test_newsletter
