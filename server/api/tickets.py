"""Tickets over HTTP: the list, one ticket, its history, and commands (the core rules on each)."""
from aiohttp import web

from ..commands.results import apply_command, command_text, create_and_answer, parse_command
from ..errors import invalid, not_in_department, ticket_not_found
from ..store.search_text import search_words
from .http_io import answer, json_text, read_object, read_text

VIEWS = {  # on a ListEntry and the caller's id
    "all": lambda entry, me: True,
    "mine": lambda entry, me: entry.assignee == me,
    "unassigned": lambda entry, me: entry.assignee is None,
    "locked": lambda entry, me: entry.lock_holder is not None,
}
DEFAULT_LIMIT, MAX_LIMIT = 50, 500
SPARSE_SEARCH_MAX = 2000  # a sparse view this small is searched among its own ids


def _int_param(request, name, default, low, high):
    text = request.query.get(name)
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        raise invalid(name, "type", "invalid.type.integer", name) from None
    if not low <= value <= high:
        raise invalid(name, "value", "query.range", name, low, high)
    return value


def _cursor(request):
    """`after` is the `next` of the previous page: "<updated_at>.<id>" of its last ticket."""
    text = request.query.get("after")
    if text is None:
        return None
    try:
        updated_at, ticket_id = text.split(".")
        return int(updated_at), int(ticket_id)
    except ValueError:
        raise invalid("after", "value", "query.bad_cursor") from None


def _in_list_order(cache, view, me, after):
    """The view's candidates, newest first from the cursor: the sparse views (mine, locked) sort
    their own few ids, the others walk the cache's ordered index and stop when the page is full."""
    if view == "mine" or view == "locked":
        ids = cache.assigned.get(me, ()) if view == "mine" else cache.locked
        entries = sorted((cache.entries[i] for i in ids), reverse=True)  # by (updated_at, id)
        return (e for e in entries if after is None or e[:2] < after)
    return cache.newest_first(after)


def _searched(baton, view, me, after, words, departments, limit):
    """The tickets matching every word (as a word prefix), in list order from the cursor: read from
    the store's search index in growing chunks until the caller has its page."""
    cache, store = baton.tickets, baton.store
    among = None
    if view == "mine" or view == "locked":
        ids = cache.assigned.get(me, ()) if view == "mine" else cache.locked
        if len(ids) <= SPARSE_SEARCH_MAX:
            among = [cache.entries[i][:2] for i in ids]
    chunk = limit + 1
    while True:
        places = store.search(words, after, departments, chunk, among)
        if places is None:  # no index for this database: read every ticket's text
            yield from (e for e in _in_list_order(cache, view, me, after)
                        if all(word in cache.search_text(cache.get(e.id)) for word in words))
            return
        for place in places:
            entry = cache.entries.get(place[1])
            if entry is not None:
                yield entry
        if len(places) < chunk:
            return
        after, chunk = places[-1], min(chunk * 4, 20_000)


async def list_tickets(request):
    baton = request.app["baton"]
    agent = request["agent"]
    view = request.query.get("view", "all")
    if view not in VIEWS:
        raise invalid("view", "value", "query.one_of", "view", ", ".join(VIEWS))
    limit = _int_param(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    after = _cursor(request)
    words = search_words(request.query.get("q", ""))
    actor = baton.config.actor(agent.id)
    cache, keep, visible = baton.tickets, VIEWS[view], {}
    if words:
        departments = [d for d in cache.department_total if actor.can_see(d)]
        candidates = _searched(baton, view, agent.id, after, words, departments, limit)
    else:
        candidates = _in_list_order(cache, view, agent.id, after)
    page = []  # one more than the limit tells whether there is a next page
    for entry in candidates:
        if entry.department not in visible:
            visible[entry.department] = actor.can_see(entry.department)
        if not visible[entry.department] or not keep(entry, agent.id):
            continue
        page.append(entry)
        if len(page) > limit:
            break
    hub = baton.hub
    tickets = [{**cache.summary(cache.get(e.id)), "viewers": hub.viewers(e.id),
                "typing": hub.typing(e.id)} for e in page[:limit]]
    next_cursor = "%d.%d" % page[limit - 1][:2] if len(page) > limit else None
    counts = cache.counts(actor.can_see, agent.id)
    return web.json_response({"tickets": tickets, "next": next_cursor, "counts": counts})


def _readable_ticket(request):
    """The ticket of the URL, if it exists and the caller's departments include it."""
    baton = request.app["baton"]
    ticket_id = int(request.match_info["id"])
    ticket = baton.bus.find(ticket_id)
    if ticket is None:
        raise ticket_not_found(ticket_id)
    if not baton.config.actor(request["agent"].id).can_see(ticket.department):
        raise not_in_department(ticket.department)
    return ticket


async def get_ticket(request):
    return json_text(f'{{"ticket":{_readable_ticket(request).to_json()}}}')


async def history(request):
    ticket = _readable_ticket(request)
    events = request.app["baton"].store.history(ticket.id)
    return json_text(f'{{"events":[{",".join(events)}]}}')


async def post_command(request):
    baton = request.app["baton"]
    # The core's strict decoder reads the raw body: an `actor` field is unknown, the caller is the actor.
    command = parse_command(baton.commands, await read_text(request))
    return answer(apply_command(baton.commands, int(request.match_info["id"]), command,
                                baton.config.actor(request["agent"].id)))


async def post_ticket(request):
    baton = request.app["baton"]
    command = parse_command(baton.commands, command_text("create", await read_object(request)))
    return answer(create_and_answer(baton.commands, command, baton.config.actor(request["agent"].id)))


def add_routes(router):
    router.add_get("/api/tickets", list_tickets)
    router.add_post("/api/tickets", post_ticket)
    router.add_get(r"/api/tickets/{id:\d{1,18}}", get_ticket)
    router.add_get(r"/api/tickets/{id:\d{1,18}}/history", history)
    router.add_post(r"/api/tickets/{id:\d{1,18}}/commands", post_command)
