#pragma once
// Reads one JSON object strictly: each field must have the right type, required fields must be
// there, and (unless told otherwise) no field may be unknown. The first problem found is kept as
// an `invalid` rejection naming the field; after it, reads return fallbacks and change nothing.
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "baton/names.hpp"
#include "baton/protocol.hpp"

namespace baton::protocol::detail {

class ObjectReader {
 public:
  ObjectReader(const Json& json, std::string path, bool allow_unknown = false);

  std::string string(const char* key, std::string fallback = {}, bool required = true);
  // Whether the object has the field at all (an optional field's default may depend on others).
  bool has(const char* key) const { return json_.is_object() && json_.contains(key); }
  std::int64_t integer(const char* key, std::int64_t fallback = 0, bool required = true);
  bool boolean(const char* key, bool fallback = false, bool required = true);
  // Present and null, or a string. Missing counts as null unless `required`.
  std::optional<std::string> nullable_string(const char* key, bool required = true);
  // Present and null, or an integer. Missing counts as null unless `required`.
  std::optional<std::int64_t> nullable_integer(const char* key, bool required = true);
  // A nested object or array, or nullptr (null, missing and not required, or an error).
  const Json* object(const char* key, bool required = true, bool nullable = false);
  const Json* array(const char* key, bool required = true);
  template <typename Enum>
  Enum name(const char* key, Enum fallback, bool required = true) {
    const Json* value = field(key, required);
    if (!value) return fallback;
    if (!value->is_string()) return wrong_type(key, ErrorKey::invalid_type_string), fallback;
    if (auto parsed = parse_name<Enum>(value->get_ref<const std::string&>())) return *parsed;
    fail(key, InvalidReason::value, ErrorKey::invalid_unknown_value, {path_of(key), value->get<std::string>()});
    return fallback;
  }

  std::string path_of(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  // Keeps the first problem: `field` (a key of this object, or a full path), in the words of `words`.
  void fail(const std::string& field, InvalidReason reason, ErrorKey words, std::vector<std::string> args);
  // Keeps the first problem: a nested decoder's rejection, its field in this object's path.
  void fail(Rejection rejection);
  // Checks for unknown fields; returns the first problem, if any.
  std::optional<Rejection> finish();
  bool failed() const { return error_.has_value(); }
  const std::optional<Rejection>& error() const { return error_; }

 private:
  const Json* field(const char* key, bool required);
  void wrong_type(const char* key, ErrorKey words);  // words: one of the invalid_type_* keys

  const Json& json_;
  std::string path_;
  bool allow_unknown_;
  std::set<std::string> known_;
  std::optional<Rejection> error_;
};

// Parses text without throwing; a rejection names `what` when it is not JSON or too large.
Result<Json> parse(std::string_view text, std::size_t max_bytes, const char* what);

// Takes a result's rejection into a reader's error (for nested decoders).
template <typename T>
std::optional<T> adopt(ObjectReader& reader, Result<T> result) {
  if (auto* value = std::get_if<T>(&result)) return std::move(*value);
  if (!reader.failed()) reader.fail(std::get<Rejection>(std::move(result)));
  return std::nullopt;
}

// The value read, or the reader's first problem (including unknown fields).
template <typename T>
Result<T> finish(ObjectReader& reader, T value) {
  if (auto error = reader.finish()) return *error;
  return value;
}

}  // namespace baton::protocol::detail
