"""Who the client is, behind a reverse proxy we trust: its address, and whether it came over https.

A proxy's X-Forwarded-For and X-Forwarded-Proto are believed only when the peer is a trusted proxy
(loopback by default, where docs/nginx-baton.conf and docs/haproxy-baton.cfg run; more with
serve.py --trusted-proxy). Anyone else could write them to dodge the login throttle.
"""
import ipaddress

DEFAULT_TRUSTED = ("127.0.0.0/8", "::1/128")


class Forwarded:
    def __init__(self, trusted=()):
        self.networks = [ipaddress.ip_network(text, strict=False) for text in (*DEFAULT_TRUSTED, *trusted)]

    def trusts(self, peer):
        try:
            address = ipaddress.ip_address(peer or "")
        except ValueError:
            return False
        return any(address in network for network in self.networks)

    def client_address(self, request):
        """The address the nearest trusted proxy saw (the last X-Forwarded-For entry), else the peer."""
        peer = request.remote or ""
        header = request.headers.get("X-Forwarded-For")
        if header and self.trusts(peer):
            last = header.split(",")[-1].strip()
            if last:
                return last
        return peer

    def is_https(self, request):
        if request.secure:
            return True
        proto = request.headers.get("X-Forwarded-Proto", "")
        return proto.split(",")[0].strip().lower() == "https" and self.trusts(request.remote)
