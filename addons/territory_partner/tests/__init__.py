from . import test_matching, test_partner_portal, test_sharing
