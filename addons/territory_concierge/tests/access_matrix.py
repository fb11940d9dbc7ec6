from odoo.exceptions import AccessError


class AccessMatrixMixin:
    """Checks an intended access matrix through the ORM, as each role's user.

    The test class provides ``self.roles`` ({role: user}) and ``_values(model, index)``: values to
    create one record of ``model`` (as superuser) and values to write on it.
    """

    @staticmethod
    def _allowed(method, *args):
        try:
            method(*args)
        except AccessError:
            return False
        return True

    def _operations_allowed(self, model, user, index):
        """The operations ``user`` may do on a record of ``model``, as "rwcu" letters."""
        create_values, write_values = self._values(model, index)
        record = self.env[model].create(create_values).with_user(user)
        return "".join(letter for letter, allowed in (
            ("r", self._allowed(record.read, list(write_values))),
            ("w", self._allowed(record.write, write_values)),
            ("c", self._allowed(self.env[model].with_user(user).create, self._values(model, index + 500)[0])),
            ("u", self._allowed(record.unlink)),
        ) if allowed)

    def _check_access_matrix(self, matrix):
        """``matrix``: {model: {role: "rwcu" letters}}, roles being keys of ``self.roles``."""
        for index, (model, role, expected) in enumerate(
                (model, role, expected) for model, by_role in matrix.items() for role, expected in by_role.items()):
            with self.subTest(model=model, role=role):
                self.assertEqual(self._operations_allowed(model, self.roles[role], index), expected,
                                 f"{role} on {model}")
