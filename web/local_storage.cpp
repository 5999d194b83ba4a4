#include "local_storage.hpp"

#include <cstdlib>

#include <emscripten.h>

EM_JS(char*, js_storage_get, (const char* key), {
  var value = null;
  try { value = window.localStorage.getItem(UTF8ToString(key)); } catch (e) {}
  if (value === null) return 0;
  var size = lengthBytesUTF8(value) + 1;
  var out = _malloc(size);
  stringToUTF8(value, out, size);
  return out;
});
EM_JS(void, js_storage_set, (const char* key, const char* value), {
  try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});
EM_JS(void, js_storage_remove, (const char* key), {
  try { window.localStorage.removeItem(UTF8ToString(key)); } catch (e) {}
});

namespace baton::web {

std::optional<std::string> LocalStorage::load(const std::string& key) {
  char* value = js_storage_get(key.c_str());
  if (!value) return std::nullopt;
  std::string out(value);
  std::free(value);
  return out;
}

void LocalStorage::save(const std::string& key, const std::string& value) { js_storage_set(key.c_str(), value.c_str()); }

void LocalStorage::erase(const std::string& key) { js_storage_remove(key.c_str()); }

}  // namespace baton::web
