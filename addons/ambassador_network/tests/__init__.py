from . import (
    test_access_matrix,
    test_ambassador,
    test_ambassador_matching,
    test_family_page_and_roles,
    test_performance,
    test_portal_home_by_role,
    test_portal_pages_in_french,
    test_portals,
    test_role_buttons_and_pages,
    test_sponsorship,
    test_sponsorship_limits_over_http,
    test_sponsorship_stays_with_its_household,
)
