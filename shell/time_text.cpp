#include "time_text.hpp"

#include <chrono>
#include <cstdio>

#include "i18n/words.hpp"

namespace baton::shell {
namespace {

struct Civil {
  int year;
  unsigned month, day, hour, minute;
};

Civil civil(Time at_ms, int offset_minutes) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds{at_ms + Time{offset_minutes} * 60 * kSecond}};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{floor<minutes>(t - day)};
  return {int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()), unsigned(hms.hours().count()),
          unsigned(hms.minutes().count())};
}

}  // namespace

std::string ago(Time at, Time now) {
  const Time secs = now > at ? (now - at) / 1000 : 0;  // a clock a little ahead reads as "just now"
  if (secs < 5) return i18n::tr("time.just_now");
  if (secs < 60) return i18n::trn("time.secs_ago", secs);
  if (secs < 3600) return i18n::trn("time.mins_ago", secs / 60);
  if (secs < 86400) return i18n::trn("time.hours_ago", secs / 3600);
  return i18n::trn("time.days_ago", secs / 86400);
}

std::string age(Time since, Time now) {
  const Time secs = now > since ? (now - since) / 1000 : 0;
  if (secs < 60) return i18n::trn("age.secs", secs);
  if (secs < 3600) return i18n::trn("age.mins", secs / 60);
  if (secs < 86400) return i18n::trn("age.hours", secs / 3600);
  return i18n::trn("age.days", secs / 86400);
}

std::string absolute(Time at, int offset_minutes, Time now) {
  const Civil c = civil(at, offset_minutes);
  const unsigned hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
  char minute[3];
  std::snprintf(minute, sizeof minute, "%02u", c.minute);
  const std::string months = i18n::tr("date.months");  // "Jan,Feb,...": the month's short name
  std::string month_name;
  std::size_t at_name = 0;
  for (unsigned m = 1; m < c.month && at_name != std::string::npos; ++m) at_name = months.find(',', at_name) + 1;
  if (at_name != std::string::npos && at_name <= months.size())
    month_name = months.substr(at_name, months.find(',', at_name) - at_name);
  return i18n::tr(c.year == civil(now, offset_minutes).year ? "date.this_year" : "date.other_year",
                  {{"mon", month_name},
                   {"m", static_cast<int>(c.month)},
                   {"d", static_cast<int>(c.day)},
                   {"yyyy", c.year},
                   {"HH", static_cast<int>(c.hour)},
                   {"h12", static_cast<int>(hour12)},
                   {"mm", minute},
                   {"ampm", i18n::tr(c.hour < 12 ? "date.am" : "date.pm")}});
}

}  // namespace baton::shell
