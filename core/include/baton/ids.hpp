#pragma once
// Plain value types shared by every part of the core.
#include <cstdint>

namespace baton {

// Milliseconds since the Unix epoch. The core never reads a clock: time always comes in as an argument.
using Time = std::int64_t;
using AgentId = std::int64_t;
using TicketId = std::int64_t;
using Seq = std::int64_t;
using Version = std::int64_t;

// The actor of automations and inbound customer mail.
inline constexpr AgentId kSystemAgent = 0;

inline constexpr Time kSecond = 1000;

}  // namespace baton
