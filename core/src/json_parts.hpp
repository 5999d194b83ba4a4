#pragma once
// Decoders of the pieces that tickets, events and commands share.
#include "json_reader.hpp"

namespace baton::protocol::detail {

Result<Requester> requester_from_json(const Json& json, const std::string& path);
Result<Message> message_from_json(const Json& json, const std::string& path);
Result<Draft> draft_from_json(const Json& json, const std::string& path);
Result<Change> change_from_json(const Json& json, const std::string& path);
Result<PendingReply> pending_from_json(const Json& json, const std::string& path);
Result<Attachment> attachment_from_json(const Json& json, const std::string& path);

// Decodes every element of an array field with `decode`, appending to `out`.
template <typename T, typename Decode>
void read_list(ObjectReader& reader, const char* key, std::vector<T>& out, Decode decode, bool required = true) {
  const Json* list = reader.array(key, required);
  if (!list) return;
  for (std::size_t i = 0; i < list->size() && !reader.failed(); ++i)
    if (auto item = adopt(reader, decode((*list)[i], reader.path_of(key) + "[" + std::to_string(i) + "]")))
      out.push_back(std::move(*item));
}

// An element of a list of strings (a rejection's args).
inline Result<std::string> string_from_json(const Json& json, const std::string& path) {
  if (!json.is_string()) return Rejection::invalid(path, InvalidReason::type, ErrorKey::invalid_type_string, {path});
  return json.get<std::string>();
}

// A mail's optional parts (`from`, `attachments`, `quoted`): messages and commands share them.
void read_mail(ObjectReader& reader, cmd::MailParts& out);

}  // namespace baton::protocol::detail
