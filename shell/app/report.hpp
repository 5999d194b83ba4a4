#pragma once
// The admin's collision report: the last N days from the server, and its CSV handed to the user
// (a download in the browser, a file on the desktop).
#include "context.hpp"

namespace baton::shell {

class ReportController {
 public:
  explicit ReportController(Context& context) : c_(context) {}

  void open(int days);  // also a new range while it is open
  void close() { c_.state.report.open = false; }
  void download();

 private:
  api::ReportQuery range(bool csv) const;  // the days shown, UTC

  Context& c_;
};

}  // namespace baton::shell
