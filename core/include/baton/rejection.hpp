#pragma once
// Why a command was refused: a value with a code, which situation it is (a key, with the values its
// words need), the English words, and what a client needs to act.
#include <optional>
#include <string>
#include <vector>

#include "baton/error_texts.hpp"
#include "baton/model.hpp"

namespace baton {

enum class RejectionCode { invalid, forbidden, not_found, locked, stale, conflict, duplicate };
enum class InvalidReason { missing, type, unknown, value, too_large };

struct Rejection {
  RejectionCode code = RejectionCode::invalid;
  std::string key;                // which situation: "lock.held_by_other" (error_texts.hpp)
  std::vector<std::string> args;  // the values its words need, in order: names, ids as text...
  std::string message;            // the English words: the key's pattern filled in with args
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

  // A rejection of the key's code (the table's), in the key's English words.
  static Rejection of(ErrorKey key, std::vector<std::string> args = {});
  static Rejection invalid(std::string field, InvalidReason reason, ErrorKey key, std::vector<std::string> args = {});
};

// How the HTTP API answers each rejection: one mapping, used by every host.
int http_status(const Rejection& rejection);

}  // namespace baton
