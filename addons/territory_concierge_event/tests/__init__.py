from . import test_access_matrix, test_stay_portals, test_stays
