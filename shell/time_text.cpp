#include "time_text.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <unordered_map>

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

// A frame writes the same few times over and over (each row's age, each message's date): their words
// are kept, by what decides them, until the language changes (a few hundred at most).
class Remembered {
 public:
  template <class Make>
  const std::string& get(std::uint64_t key, Make make) {
    if (generation_ != i18n::generation() || words_.size() > 1024) {
      words_.clear();
      generation_ = i18n::generation();
    }
    auto [it, added] = words_.try_emplace(key);
    if (added) it->second = make();
    return it->second;
  }

 private:
  std::unordered_map<std::uint64_t, std::string> words_;
  unsigned generation_ = ~0u;
};

// "Oct 25, 5:17 PM", with the year when it is not this year.
std::string words_of(const Civil& c, bool this_year) {
  const unsigned hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
  char minute[3];
  std::snprintf(minute, sizeof minute, "%02u", c.minute);
  const std::string months = i18n::tr("date.months");  // "Jan,Feb,...": the month's short name
  std::string month_name;
  std::size_t at_name = 0;
  for (unsigned m = 1; m < c.month && at_name != std::string::npos; ++m) at_name = months.find(',', at_name) + 1;
  if (at_name != std::string::npos && at_name <= months.size())
    month_name = months.substr(at_name, months.find(',', at_name) - at_name);
  return i18n::tr(this_year ? "date.this_year" : "date.other_year",
                  {{"mon", month_name},
                   {"m", static_cast<int>(c.month)},
                   {"d", static_cast<int>(c.day)},
                   {"yyyy", c.year},
                   {"HH", static_cast<int>(c.hour)},
                   {"h12", static_cast<int>(hour12)},
                   {"mm", minute},
                   {"ampm", i18n::tr(c.hour < 12 ? "date.am" : "date.pm")}});
}

}  // namespace

std::string ago(Time at, Time now) {
  static Remembered remembered;
  const Time secs = now > at ? (now - at) / 1000 : 0;  // a clock a little ahead reads as "just now"
  const auto words = [&](unsigned unit, const char* key, Time n) {
    return remembered.get(std::uint64_t{unit} << 48 | static_cast<std::uint64_t>(n), [&] {
      return unit == 0 ? i18n::tr(key) : i18n::trn(key, n);
    });
  };
  if (secs < 5) return words(0, "time.just_now", 0);
  if (secs < 60) return words(1, "time.secs_ago", secs);
  if (secs < 3600) return words(2, "time.mins_ago", secs / 60);
  if (secs < 86400) return words(3, "time.hours_ago", secs / 3600);
  return words(4, "time.days_ago", secs / 86400);
}

std::string age(Time since, Time now) {
  const Time secs = now > since ? (now - since) / 1000 : 0;
  if (secs < 60) return i18n::trn("age.secs", secs);
  if (secs < 3600) return i18n::trn("age.mins", secs / 60);
  if (secs < 86400) return i18n::trn("age.hours", secs / 3600);
  return i18n::trn("age.days", secs / 86400);
}

std::string absolute(Time at, int offset_minutes, Time now) {
  static Remembered remembered;
  const Civil c = civil(at, offset_minutes);
  const bool this_year = c.year == civil(now, offset_minutes).year;
  // The local minute decides the words (with whether it is this year's); floored, as civil() does.
  const Time local = at + Time{offset_minutes} * 60 * kSecond, minute = 60 * kSecond;
  const Time local_minute = local >= 0 ? local / minute : (local - minute + 1) / minute;
  return remembered.get(static_cast<std::uint64_t>(local_minute) << 1 | this_year, [&] { return words_of(c, this_year); });
}

}  // namespace baton::shell
