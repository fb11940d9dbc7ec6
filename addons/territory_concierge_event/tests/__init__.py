from . import (
    test_access_matrix,
    test_erasure,
    test_performance,
    test_portal_pages_by_role,
    test_role_buttons,
    test_stay_portals,
    test_stay_security,
    test_stays,
)
