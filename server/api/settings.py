"""The admin automations: anyone may read them, only an admin may change them."""
import json

from ..errors import forbidden, from_rejection
from .http_io import json_text, read_object


async def get_settings(request):
    return json_text(f'{{"settings":{request.app["baton"].config.settings.to_json()}}}')


async def put_settings(request):
    """Fields left out keep their current value; the core validates the result."""
    baton = request.app["baton"]
    config = baton.config
    if config.actor(request["agent"].id).role != "admin":
        raise forbidden("settings.admin_only")
    changes = await read_object(request)
    merged = {**json.loads(config.settings.to_json()), **changes}
    settings = baton.core.Settings.parse(json.dumps(merged))
    if isinstance(settings, baton.core.Rejection):
        raise from_rejection(settings)
    config.save_settings(settings)
    return await get_settings(request)


def add_routes(router):
    router.add_get("/api/settings", get_settings)
    router.add_put("/api/settings", put_settings)
