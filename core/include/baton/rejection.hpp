#pragma once
// Why a command was refused: a value with a code, a human message and what a client needs to act.
#include <optional>
#include <string>
#include <vector>

#include "baton/model.hpp"

namespace baton {

enum class RejectionCode { invalid, forbidden, not_found, locked, stale, conflict, duplicate };
enum class InvalidReason { missing, type, unknown, value, too_large };

struct Rejection {
  RejectionCode code = RejectionCode::invalid;
  std::string message;
  // invalid
  std::string field;
  InvalidReason reason = InvalidReason::value;
  // locked
  std::optional<AgentId> holder;
  // stale
  std::vector<Change> changes;
  Version version = 0;
  // duplicate
  std::optional<std::int64_t> message_id;

  bool operator==(const Rejection&) const = default;

  static Rejection invalid(std::string field, InvalidReason reason, std::string message);
  static Rejection forbidden(std::string message);
  static Rejection not_found(std::string message);
  static Rejection conflict(std::string message);
};

// How the HTTP API answers each rejection: one mapping, used by every host.
int http_status(const Rejection& rejection);

}  // namespace baton
