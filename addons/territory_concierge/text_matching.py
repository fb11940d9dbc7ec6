"""Comparing free texts typed by households, staff and partners (job titles, projects,
languages) without a stemming library."""

import re
import unicodedata

# Words are compared on their first letters: "infirmier" meets "infirmière",
# "technicien" meets "technicienne".
STEM_LENGTH = 6


def keyword_stems(text, min_length=3, stopwords=frozenset()):
    """The comparable keywords of a free text: lower case, no accents, ``min_length``
    letters or more, cut to their stem.

    :param str text: any text, or False/None
    :param frozenset stopwords: words (without accents) that mean nothing for matching
    :rtype: set[str]
    """
    text = unicodedata.normalize("NFKD", (text or "").lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return {word[:STEM_LENGTH] for word in re.findall(rf"[a-z0-9]{{{min_length},}}", text)
            if word not in stopwords}
