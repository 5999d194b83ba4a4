#pragma once
// Times the way an agent reads them: "3 min ago", "Oct 25, 5:17 PM", "3 min" (a lock's age).
#include <string>

#include "baton/ids.hpp"

namespace baton::shell {

std::string ago(Time at, Time now);  // "just now", "19 secs ago", "3 mins ago"
std::string age(Time since, Time now);  // "12 s", "3 min", "2 h", "4 d"
// `offset_minutes` east of UTC; "Oct 25, 5:17 PM" (with the year when it is not `now`'s).
std::string absolute(Time at, int offset_minutes, Time now);

}  // namespace baton::shell
