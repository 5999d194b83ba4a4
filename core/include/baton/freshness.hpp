#pragma once
// How old a draft or a lock is, said the way an agent reads it: "19 secs ago".
#include <string>

#include "baton/ids.hpp"

namespace baton {

std::string freshness(Time age_ms);

}  // namespace baton
