#include "time_text.hpp"

#include <chrono>
#include <cstdio>

#include "baton/freshness.hpp"

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

std::string ago(Time at, Time now) { return freshness(now - at); }

std::string age(Time since, Time now) {
  const Time secs = now > since ? (now - since) / 1000 : 0;
  if (secs < 60) return std::to_string(secs) + " s";
  if (secs < 3600) return std::to_string(secs / 60) + " min";
  if (secs < 86400) return std::to_string(secs / 3600) + " h";
  return std::to_string(secs / 86400) + " d";
}

std::string absolute(Time at, int offset_minutes, Time now) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Civil c = civil(at, offset_minutes);
  const unsigned hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
  char text[48];
  if (c.year == civil(now, offset_minutes).year)
    std::snprintf(text, sizeof text, "%s %u, %u:%02u %s", kMonths[c.month - 1], c.day, hour12, c.minute,
                  c.hour < 12 ? "AM" : "PM");
  else
    std::snprintf(text, sizeof text, "%s %u %d, %u:%02u %s", kMonths[c.month - 1], c.day, c.year, hour12,
                  c.minute, c.hour < 12 ? "AM" : "PM");
  return text;
}

}  // namespace baton::shell
