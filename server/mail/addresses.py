"""Which address is whose: each department's (`<department>@<mail domain>`, or what an admin set
in the settings' `mail_addresses`), and Baton's own bounce addresses at the mail domain."""
from .signing import BOUNCE_LOCAL


class AddressBook:
    def __init__(self, domain, departments, overrides):
        self.domain = domain.lower()
        self.by_department = {d: overrides.get(d) or f"{d}@{domain}" for d in sorted(departments)}
        self.by_address = {a.lower(): d for d, a in self.by_department.items()}

    @staticmethod
    def base(address):
        """The address without a plus-tag: support+ABCD-1234-EFGH.sig@x -> support@x."""
        local, _, domain = address.rpartition("@")
        return f"{local.split('+', 1)[0]}@{domain}".lower()

    def department_for(self, address):
        return self.by_address.get(self.base(address))

    def is_bounce(self, address):
        return self.base(address) == f"{BOUNCE_LOCAL}@{self.domain}"

    def accepts(self, address):
        return self.department_for(address) is not None or self.is_bounce(address)

    def is_own(self, address):
        """One of Baton's addresses: a department's (plus-tagged or not) or a bounce address. Not
        anything else at the mail domain: staff there may write to their own helpdesk."""
        return self.base(address) in self.by_address or self.is_bounce(address)
