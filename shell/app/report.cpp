#include "../i18n/words.hpp"
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
    report.error = reply.status == 0     ? tr("report.no_answer")
                   : reply.status == 200 ? tr("report.unreadable")
                                         : error_words(reply.error, reply.status);
  });
}

void ReportController::download() {
  const api::ReportQuery query = range(true);
  const std::string name = "baton-collisions-" + *query.from + "-to-" + *query.to + ".csv";
  c_.state.report.notice = tr("report.preparing");
  c_.api.call_text(api::route::Report{query}, [this, name](Reply<api::CsvText> reply) {
    ReportState& report = c_.state.report;
    if (!reply.ok()) {
      report.notice = reply.status == 0 ? tr("save.no_answer") : tr("save.refused", {{"status", reply.status}});
      return;
    }
    const std::string where = c_.platform.save_file(name, "text/csv", reply.value->text);
    report.notice = where.empty() ? tr("save.failed", {{"name", name}}) : tr("save.done", {{"name", name}, {"where", where}});
  });
}

}  // namespace baton::shell
