#pragma once
// JSON on the wire: strict decoders that never throw, and encoders. Shapes: docs/CORE.md.
#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "baton/commands.hpp"
#include "baton/directory.hpp"
#include "baton/events.hpp"
#include "baton/result.hpp"
#include "baton/settings.hpp"

namespace baton::protocol {

using Json = nlohmann::json;

// The largest command a decoder reads when the host gives no limit of its own.
inline constexpr std::size_t kDefaultMaxCommandBytes = 1 << 20;

Json to_json(const Ticket& ticket, bool with_drafts = true);
Json summary_json(const Ticket& ticket);
Json to_json(const Event& event);
Json to_json(const Command& command);
Json to_json(const Rejection& rejection);
Json to_json(const Settings& settings);
Json to_json(const Agent& agent);
Json to_json(const Change& change);
Json to_json(const Draft& draft);

// Serialises without ever throwing (invalid UTF-8 is replaced, not fatal).
std::string dump(const Json& json);

Result<Command> decode_command(std::string_view text, std::size_t max_bytes = kDefaultMaxCommandBytes);
Result<Command> command_from_json(const Json& json);
Result<Event> decode_event(std::string_view text);
Result<Event> event_from_json(const Json& json);
Result<Ticket> decode_ticket(std::string_view text);
Result<Ticket> ticket_from_json(const Json& json);
// A list entry: a ticket without messages; the replica keeps it until the ticket is opened.
Result<Ticket> summary_from_json(const Json& json);
Result<Settings> decode_settings(std::string_view text);
Result<Settings> settings_from_json(const Json& json);
Result<Directory> decode_directory(std::string_view text);
Result<Agent> agent_from_json(const Json& json);
// The pieces clients receive on their own: a live draft update, a stale rejection's changes.
Result<Draft> draft_from_json(const Json& json);
Result<Change> change_from_json(const Json& json);

}  // namespace baton::protocol
