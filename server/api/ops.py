"""Liveness and Prometheus metrics, for operators (no session needed)."""
from aiohttp import web


async def healthz(request):
    baton = request.app["baton"]
    return web.json_response({"ok": True, "tickets": len(baton.tickets.by_id),
                              "last_seq": baton.store.last_seq()})


async def metrics(request):
    baton = request.app["baton"]
    text = baton.metrics.render(connected_agents=len(baton.hub.online_agents()),
                                websockets=baton.hub.websockets(),
                                locks_held=len(baton.tickets.locked))
    extra = baton.logins.render() + [
        "# HELP baton_automation_batches_total Transactions the automations committed (each a batch "
        "of due commands).", "# TYPE baton_automation_batches_total counter",
        f"baton_automation_batches_total {baton.automations.batches}"]
    if baton.demo is not None:
        extra += baton.demo.render()
    text += "\n".join(extra) + "\n"
    return web.Response(text=text, headers={"Content-Type": "text/plain; version=0.0.4; charset=utf-8"})


def add_routes(router):
    router.add_get("/healthz", healthz)
    router.add_get("/metrics", metrics)
