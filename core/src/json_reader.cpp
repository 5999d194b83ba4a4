#include "json_reader.hpp"

#include <limits>

namespace baton::protocol::detail {

ObjectReader::ObjectReader(const Json& json, std::string path, bool allow_unknown)
    : json_(json), path_(std::move(path)), allow_unknown_(allow_unknown) {
  if (!json_.is_object())
    error_ = Rejection::invalid(path_, InvalidReason::type,
                                (path_.empty() ? std::string("the body") : "'" + path_ + "'") + " must be a JSON object");
}

void ObjectReader::fail(const std::string& key, InvalidReason reason, std::string message) {
  if (error_) return;
  // Nested readers report full paths already; plain keys get this object's path in front.
  const bool nested = key.find('.') != std::string::npos || key.find('[') != std::string::npos;
  error_ = Rejection::invalid(nested || path_.empty() ? key : path_of(key), reason, std::move(message));
}

const Json* ObjectReader::field(const char* key, bool required) {
  known_.insert(key);
  if (error_) return nullptr;
  auto it = json_.find(key);
  if (it == json_.end()) {
    if (required) fail(key, InvalidReason::missing, "'" + path_of(key) + "' is missing");
    return nullptr;
  }
  return &*it;
}

void ObjectReader::wrong_type(const char* key, const char* expected) {
  fail(key, InvalidReason::type, "'" + path_of(key) + "' must be " + expected);
}

std::string ObjectReader::string(const char* key, std::string fallback, bool required) {
  const Json* value = field(key, required);
  if (!value) return fallback;
  if (!value->is_string()) return wrong_type(key, "a string"), fallback;
  return value->get<std::string>();
}

std::int64_t ObjectReader::integer(const char* key, std::int64_t fallback, bool required) {
  const Json* value = field(key, required);
  if (!value) return fallback;
  if (!value->is_number_integer()) return wrong_type(key, "an integer"), fallback;
  if (value->is_number_unsigned() && value->get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
    return fail(key, InvalidReason::value, "'" + path_of(key) + "' is too large"), fallback;
  return value->get<std::int64_t>();
}

bool ObjectReader::boolean(const char* key, bool fallback, bool required) {
  const Json* value = field(key, required);
  if (!value) return fallback;
  if (!value->is_boolean()) return wrong_type(key, "true or false"), fallback;
  return value->get<bool>();
}

std::optional<std::int64_t> ObjectReader::nullable_integer(const char* key, bool required) {
  const Json* value = field(key, required);
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_number_integer()) return wrong_type(key, "an integer or null"), std::nullopt;
  return integer(key);
}

const Json* ObjectReader::object(const char* key, bool required, bool nullable) {
  const Json* value = field(key, required);
  if (!value || (nullable && value->is_null())) return nullptr;
  if (!value->is_object()) return wrong_type(key, nullable ? "an object or null" : "an object"), nullptr;
  return value;
}

const Json* ObjectReader::array(const char* key, bool required) {
  const Json* value = field(key, required);
  if (!value) return nullptr;
  if (!value->is_array()) return wrong_type(key, "an array"), nullptr;
  return value;
}

std::optional<Rejection> ObjectReader::finish() {
  if (!error_ && !allow_unknown_) {
    for (const auto& item : json_.items())
      if (!known_.count(item.key())) {
        fail(item.key(), InvalidReason::unknown, "'" + path_of(item.key()) + "' is not a known field");
        break;
      }
  }
  return error_;
}

Result<Json> parse(std::string_view text, std::size_t max_bytes, const char* what) {
  if (text.size() > max_bytes)
    return Rejection::invalid("", InvalidReason::too_large,
                              std::string("the ") + what + " is " + std::to_string(text.size()) +
                                  " bytes; the limit is " + std::to_string(max_bytes));
  Json json = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Rejection::invalid("", InvalidReason::type, std::string("the ") + what + " is not valid JSON");
  return json;
}

}  // namespace baton::protocol::detail
