from . import test_access_matrix, test_ambassador, test_ambassador_matching, test_portals, test_sponsorship
