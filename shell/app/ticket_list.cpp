#include "ticket_list.hpp"

#include <algorithm>

#include "../list_rows.hpp"
#include "baton/text.hpp"
#include "replica_feed.hpp"

namespace baton::shell {
namespace {

constexpr int kPageSize = 100;
constexpr Time kSearchDelay = 250;
constexpr Time kCountsDelay = 1000;

}  // namespace

void TicketListController::show(View view) {
  ListState& list = c_.state.list;
  list.view = view;
  list.cursor = 0;
  if (!list.paging[view_index(view)].requested) load_page(view);
  if (!list.search.empty()) {
    list.results.query.clear();
    list.search_changed_at = 0;
  }
}

void TicketListController::load_more() {
  if (c_.state.list.results.query.empty()) load_page(c_.state.list.view);
}

void TicketListController::reload() {
  ListState& list = c_.state.list;
  for (auto& paging : list.paging) paging = {};
  load_page(list.view);
  if (!list.results.query.empty()) {
    list.results.query.clear();  // run it again
    list.search_changed_at = 0;
  }
}

void TicketListController::search_typed(std::string text) {
  c_.state.list.search = std::move(text);
  c_.state.list.search_changed_at = c_.now();
}

void TicketListController::move_cursor(int delta) {
  ListState& list = c_.state.list;
  const auto total = list_row_count(c_.state);
  if (!total) return;
  const long next = static_cast<long>(list.cursor) + delta;
  list.cursor = static_cast<std::size_t>(std::clamp<long>(next, 0, static_cast<long>(total) - 1));
  ++list.cursor_moves;
}

TicketId TicketListController::cursor_ticket() const {
  return c_.state.list.cursor < list_row_count(c_.state) ? list_row(c_.state, c_.state.list.cursor) : 0;
}

void TicketListController::load_page(View view) {
  Paging& paging = c_.state.list.paging[view_index(view)];
  if (paging.loading || paging.complete) return;
  paging.loading = paging.requested = true;
  api::ListQuery query{view, std::nullopt, kPageSize, paging.next};
  c_.api.call(api::route::Tickets{query}, [this, view](Reply<api::ListPage> reply) {
    Paging& paging = c_.state.list.paging[view_index(view)];
    paging.loading = false;
    if (!reply.ok()) {
      paging.requested = false;  // asked again in a few seconds (tick), or when the list is shown
      paging.retry_at = c_.now() + 3 * kSecond;
      return c_.failed(reply, tr("doing.list"));
    }
    const api::ListPage& page = *reply.value;
    adopt_entries(c_.state, page.tickets, c_.now());
    if (!page.tickets.empty()) paging.boundary = Row{page.tickets.back().ticket.updated_at, page.tickets.back().ticket.id};
    paging.next = page.next;
    paging.complete = !paging.next;
    c_.state.list.counts = page.counts;
  });
}

void TicketListController::run_search() {
  ListState& list = c_.state.list;
  SearchResults& results = list.results;
  results = SearchResults{};
  results.query = list.search;
  list.cursor = 0;
  if (is_blank(results.query)) return;
  results.loading = true;
  const std::string query = results.query;
  c_.api.call(api::route::Tickets{{list.view, query, kPageSize, std::nullopt}}, [this, query](Reply<api::ListPage> reply) {
    SearchResults& results = c_.state.list.results;
    if (results.query != query) return;  // a newer search replaced this one
    results.loading = false;
    if (!reply.ok()) return c_.failed(reply, tr("doing.search"));
    adopt_entries(c_.state, reply.value->tickets, c_.now());
    for (const api::ListEntry& entry : reply.value->tickets) results.ids.push_back(entry.ticket.id);
    results.next = reply.value->next;
  });
}

void TicketListController::load_counts() {
  ListState& list = c_.state.list;
  list.counts_stale = false;
  list.counts_due = 0;
  c_.api.call(api::route::Tickets{{std::nullopt, std::nullopt, 1, std::nullopt}}, [this](Reply<api::ListPage> reply) {
    if (reply.ok()) c_.state.list.counts = reply.value->counts;
  });
}

void TicketListController::events_arrived() {
  ListState& list = c_.state.list;
  list.counts_stale = true;
  if (!list.counts_due) list.counts_due = c_.now() + kCountsDelay;
}

void TicketListController::command_answered() {
  c_.state.list.counts_stale = true;
  c_.state.list.counts_due = c_.now() + kCountsDelay / 4;
}

void TicketListController::tick(Time now) {
  const bool live = c_.live();
  ListState& list = c_.state.list;
  if (const Paging& paging = paging_of(c_.state, list.view); live && !paging.requested && now >= paging.retry_at)
    load_page(list.view);  // the first page failed: ask again
  if (list.search != list.results.query && now - list.search_changed_at >= kSearchDelay && live) run_search();
  if (list.counts_stale && list.counts_due && now >= list.counts_due && live) load_counts();
}

}  // namespace baton::shell
