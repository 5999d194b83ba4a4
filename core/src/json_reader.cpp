#include "json_reader.hpp"

#include <limits>

namespace baton::protocol::detail {

ObjectReader::ObjectReader(const Json& json, std::string path, bool allow_unknown)
    : json_(json), path_(std::move(path)), allow_unknown_(allow_unknown) {
  if (!json_.is_object())
    error_ = path_.empty() ? Rejection::invalid(path_, InvalidReason::type, ErrorKey::invalid_body_not_object)
                           : Rejection::invalid(path_, InvalidReason::type, ErrorKey::invalid_not_object, {path_});
}

void ObjectReader::fail(const std::string& field, InvalidReason reason, ErrorKey words, std::vector<std::string> args) {
  fail(Rejection::invalid(field, reason, words, std::move(args)));
}

void ObjectReader::fail(Rejection rejection) {
  if (error_) return;
  // Nested readers report full paths already; plain keys get this object's path in front.
  const std::string& key = rejection.field;
  const bool nested = key.find('.') != std::string::npos || key.find('[') != std::string::npos;
  if (!nested && !path_.empty()) rejection.field = path_of(key);
  error_ = std::move(rejection);
}

const Json* ObjectReader::field(const char* key, bool required) {
  known_.insert(key);
  if (error_) return nullptr;
  auto it = json_.find(key);
  if (it == json_.end()) {
    if (required) fail(key, InvalidReason::missing, ErrorKey::invalid_missing, {path_of(key)});
    return nullptr;
  }
  return &*it;
}

void ObjectReader::wrong_type(const char* key, ErrorKey words) {
  fail(key, InvalidReason::type, words, {path_of(key)});
}

std::string ObjectReader::string(const char* key, std::string fallback, bool required) {
  const Json* value = field(key, required);
  if (!value) return fallback;
  if (!value->is_string()) return wrong_type(key, ErrorKey::invalid_type_string), fallback;
  return value->get<std::string>();
}

std::int64_t ObjectReader::integer(const char* key, std::int64_t fallback, bool required) {
  const Json* value = field(key, required);
  if (!value) return fallback;
  if (!value->is_number_integer()) return wrong_type(key, ErrorKey::invalid_type_integer), fallback;
  if (value->is_number_unsigned() && value->get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
    return fail(key, InvalidReason::value, ErrorKey::invalid_integer_too_large, {path_of(key)}), fallback;
  return value->get<std::int64_t>();
}

bool ObjectReader::boolean(const char* key, bool fallback, bool required) {
  const Json* value = field(key, required);
  if (!value) return fallback;
  if (!value->is_boolean()) return wrong_type(key, ErrorKey::invalid_type_boolean), fallback;
  return value->get<bool>();
}

std::optional<std::string> ObjectReader::nullable_string(const char* key, bool required) {
  const Json* value = field(key, required);
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_string()) return wrong_type(key, ErrorKey::invalid_type_string_or_null), std::nullopt;
  return value->get<std::string>();
}

std::optional<std::int64_t> ObjectReader::nullable_integer(const char* key, bool required) {
  const Json* value = field(key, required);
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_number_integer()) return wrong_type(key, ErrorKey::invalid_type_integer_or_null), std::nullopt;
  return integer(key);
}

const Json* ObjectReader::object(const char* key, bool required, bool nullable) {
  const Json* value = field(key, required);
  if (!value || (nullable && value->is_null())) return nullptr;
  if (!value->is_object())
    return wrong_type(key, nullable ? ErrorKey::invalid_type_object_or_null : ErrorKey::invalid_type_object), nullptr;
  return value;
}

const Json* ObjectReader::array(const char* key, bool required) {
  const Json* value = field(key, required);
  if (!value) return nullptr;
  if (!value->is_array()) return wrong_type(key, ErrorKey::invalid_type_array), nullptr;
  return value;
}

std::optional<Rejection> ObjectReader::finish() {
  if (!error_ && !allow_unknown_) {
    for (const auto& item : json_.items())
      if (!known_.count(item.key())) {
        fail(item.key(), InvalidReason::unknown, ErrorKey::invalid_unknown, {path_of(item.key())});
        break;
      }
  }
  return error_;
}

Result<Json> parse(std::string_view text, std::size_t max_bytes, const char* what) {
  if (text.size() > max_bytes)
    return Rejection::invalid("", InvalidReason::too_large, ErrorKey::invalid_too_large,
                              {what, std::to_string(text.size()), std::to_string(max_bytes)});
  Json json = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Rejection::invalid("", InvalidReason::type, ErrorKey::invalid_not_json, {what});
  return json;
}

}  // namespace baton::protocol::detail
