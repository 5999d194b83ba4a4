#pragma once
// The ticket list: the four views paged from the server as they scroll (events keep the loaded
// rows current), the search (debounced, in the view shown), the views' counts, and the keyboard's
// row.
#include "context.hpp"

namespace baton::shell {

class TicketListController {
 public:
  explicit TicketListController(Context& context) : c_(context) {}

  void show(View view);
  void load_more();  // the list scrolled near its end (a search shows its first page only)
  void reload();     // a fresh start: every view's pages again, the search again
  void search_typed(std::string text);
  void move_cursor(int delta);
  TicketId cursor_ticket() const;  // the keyboard's row, 0 for none
  void load_counts();
  void events_arrived();      // the counts change soon; one request for a burst of events
  void command_answered();    // my own command: the counts sooner
  void tick(Time now);        // a failed page asked again, the search after typing stops, the counts

 private:
  void load_page(View view);
  void run_search();

  Context& c_;
};

}  // namespace baton::shell
