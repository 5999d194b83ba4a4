#include "report.hpp"

#include <algorithm>

namespace baton::shell {

api::ReportQuery ReportController::range(bool csv) const {
  const Time t = c_.now();
  return {utc_day(t - (c_.state.report.days - 1) * kDay), utc_day(t), csv};
}

void ReportController::open(int days) {
  ReportState& report = c_.state.report;
  report.open = true;
  report.days = std::clamp(days, 1, 366);
  report.loading = true;
  report.error.clear();
  report.notice.clear();
  c_.api.call(api::route::Report{range(false)}, [this](Reply<api::ReportAnswer> reply) {
    ReportState& report = c_.state.report;
    report.loading = false;
    if (reply.ok()) {
      report.data = std::move(reply.value->report);
      return;
    }
    report.error = reply.status == 0     ? "The server did not answer; try again."
                   : reply.status == 200 ? "The server sent a report the workspace could not read."
                                         : reply.error.message;
  });
}

void ReportController::download() {
  const api::ReportQuery query = range(true);
  const std::string name = "baton-collisions-" + *query.from + "-to-" + *query.to + ".csv";
  c_.state.report.notice = "Preparing the CSV...";
  c_.api.call_text(api::route::Report{query}, [this, name](Reply<api::CsvText> reply) {
    ReportState& report = c_.state.report;
    if (!reply.ok()) {
      report.notice = reply.status == 0 ? "Not saved: the server did not answer."
                                        : "Not saved: the server refused (" + std::to_string(reply.status) + ").";
      return;
    }
    const std::string where = c_.platform.save_file(name, "text/csv", reply.value->text);
    report.notice = where.empty() ? "Could not save " + name : "Saved " + name + " to " + where;
  });
}

}  // namespace baton::shell
