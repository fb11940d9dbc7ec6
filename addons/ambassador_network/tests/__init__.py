from . import test_ambassador
