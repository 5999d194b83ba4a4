#pragma once
// Which rows the ticket list shows: the search results in the server's order, or the replica's
// view (kept sorted by the core as events arrive) down to where the loaded pages reach.
#include <cstddef>

#include "app_state.hpp"

namespace baton::shell {

std::size_t list_row_count(const AppState& state);
TicketId list_row(const AppState& state, std::size_t index);
// More rows wait on the server (the list asks for the next page when it scrolls near the end).
bool list_has_more(const AppState& state);
bool searching(const AppState& state);
const Paging& paging_of(const AppState& state, View view);

}  // namespace baton::shell
