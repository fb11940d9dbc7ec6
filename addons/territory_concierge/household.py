"""How a household is said to the people outside the conciergerie (partners, ambassadors)."""

from odoo.tools import format_list


def children_summary(env, ages):
    """The children of a household in a sentence of the reader's language, e.g. "2 children
    (9 and 6 years old)"; ages not known (0) are left out rather than shown as 0.

    :param list[int] ages: one per child
    """
    if not ages:
        return env._("No children")
    children = env._("1 child") if len(ages) == 1 else env._("%(count)s children", count=len(ages))
    known = sorted((age for age in ages if age), reverse=True)
    if known == [1]:
        return env._("%(children)s (1 year old)", children=children)
    if known:
        return env._("%(children)s (%(ages)s years old)", children=children,
                     ages=format_list(env, [str(age) for age in known]))
    return children


def household_summary(env, adult_count, ages):
    """The household in a few words for a pipeline card, e.g. "2 adults, 1 child (6 years old)";
    empty while nobody is recorded (rather than "0 adult(s)").

    :param int adult_count: number of adults
    :param list[int] ages: one per child
    """
    parts = []
    if adult_count:
        parts.append(env._("1 adult") if adult_count == 1 else env._("%(count)s adults", count=adult_count))
    if ages:
        parts.append(children_summary(env, ages))
    return ", ".join(parts)
