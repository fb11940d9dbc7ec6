from . import test_ambassador, test_ambassador_matching, test_portals, test_sponsorship
