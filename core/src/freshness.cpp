#include "baton/freshness.hpp"

namespace baton {
namespace {

std::string count(Time n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many) + " ago";
}

}  // namespace

std::string freshness(Time age_ms) {
  const Time secs = age_ms < 0 ? 0 : age_ms / 1000;  // a clock a little ahead reads as "just now"
  if (secs < 5) return "just now";
  if (secs < 60) return count(secs, "sec", "secs");
  if (secs < 3600) return count(secs / 60, "min", "mins");
  if (secs < 86400) return count(secs / 3600, "hour", "hours");
  return count(secs / 86400, "day", "days");
}

}  // namespace baton
