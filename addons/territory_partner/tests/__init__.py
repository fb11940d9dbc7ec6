from . import (
    test_access_matrix,
    test_consent_gates_hold,
    test_matching,
    test_partner_portal,
    test_partner_portal_in_french,
    test_performance,
    test_portal_home_by_role,
    test_revocation_and_roles,
    test_role_buttons_and_pages,
    test_sharing,
)
