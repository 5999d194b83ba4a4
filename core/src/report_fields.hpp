#pragma once
// The collision report's counts by wire name, in the order of CollisionCounts: one table for the
// JSON and CSV encoders, the decoder and the sums.
#include <array>
#include <cstdint>
#include <utility>

#include "baton/report.hpp"

namespace baton::detail {

using CountField = std::pair<const char*, std::int64_t CollisionCounts::*>;

inline constexpr std::array<CountField, 11> kCountFields{{
    {"blocked_by_lock", &CollisionCounts::blocked_by_lock},
    {"held_stale", &CollisionCounts::held_stale},
    {"sent_anyway", &CollisionCounts::sent_anyway},
    {"revised", &CollisionCounts::revised},
    {"lock_requests", &CollisionCounts::lock_requests},
    {"handovers", &CollisionCounts::handovers},
    {"handovers_automatic", &CollisionCounts::handovers_automatic},
    {"released_expired", &CollisionCounts::released_expired},
    {"released_disconnected", &CollisionCounts::released_disconnected},
    {"released_idle", &CollisionCounts::released_idle},
    {"slipped_through", &CollisionCounts::slipped_through},
}};

}  // namespace baton::detail
