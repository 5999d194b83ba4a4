#include "baton/api/routes.hpp"
#include "i18n/words.hpp"
#include "list_rows.hpp"

#include <algorithm>

namespace baton::shell {

std::string view_name(View view) { return i18n::tr("view." + std::string(api::view_name(view))); }

std::size_t view_index(View view) {
  for (std::size_t i = 0; i < kListViews.size(); ++i)
    if (kListViews[i] == view) return i;
  return 2;
}

std::int64_t view_count(const api::ViewCounts& counts, View view) {
  switch (view) {
    case View::mine: return counts.mine;
    case View::unassigned: return counts.unassigned;
    case View::locked: return counts.locked;
    default: return counts.all;
  }
}

bool searching(const AppState& state) { return !state.list.results.query.empty(); }

const Paging& paging_of(const AppState& state, View view) { return state.list.paging[view_index(view)]; }

std::size_t list_row_count(const AppState& state) {
  if (!state.replica) return 0;
  if (searching(state)) return state.list.results.ids.size();
  const SortedRows& rows = state.replica->view(state.list.view);
  const Paging& paging = paging_of(state, state.list.view);
  if (paging.complete) return rows.size();
  if (!paging.boundary) return 0;
  // Rows sort newest first; the first row that sorts after the boundary is where knowledge ends.
  std::size_t low = 0, high = rows.size();
  while (low < high) {
    const std::size_t mid = (low + high) / 2;
    if (row_before(*paging.boundary, rows[mid])) high = mid;
    else low = mid + 1;
  }
  return low;
}

TicketId list_row(const AppState& state, std::size_t index) {
  if (searching(state)) return index < state.list.results.ids.size() ? state.list.results.ids[index] : 0;
  const SortedRows& rows = state.replica->view(state.list.view);
  return index < rows.size() ? rows[index].id : 0;
}

bool list_has_more(const AppState& state) {
  if (searching(state)) return false;
  const Paging& paging = paging_of(state, state.list.view);
  return !paging.complete;
}

}  // namespace baton::shell
