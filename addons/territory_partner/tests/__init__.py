from . import test_access_matrix, test_matching, test_partner_portal, test_sharing
