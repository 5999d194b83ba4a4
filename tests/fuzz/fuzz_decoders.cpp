// libFuzzer targets for the core's strict JSON decoders: whatever bytes arrive, a decoder returns
// a value or a Rejection (never throws, crashes or hangs), and what it accepted the core's own
// encoder writes back in a form the decoder accepts again. One source; BATON_FUZZ_<DECODER>
// picks the decoder (see CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "baton/api/bodies.hpp"
#include "baton/protocol.hpp"

namespace {

using namespace baton;
using namespace baton::protocol;

[[noreturn]] void fail(const char* what, const std::string& text) {
  std::fprintf(stderr, "round trip failed (%s): %s\n", what, text.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
#if defined(BATON_FUZZ_COMMAND)
  auto decoded = decode_command(text);
  if (auto* command = std::get_if<Command>(&decoded)) {
    const std::string again = dump(to_json(*command));
    if (!ok(decode_command(again))) fail("command", again);
  }
#elif defined(BATON_FUZZ_EVENT)
  auto decoded = decode_event(text);
  if (auto* event = std::get_if<Event>(&decoded)) {
    const std::string again = dump(to_json(*event));
    if (!ok(decode_event(again))) fail("event", again);
  }
#elif defined(BATON_FUZZ_TICKET)
  auto decoded = decode_ticket(text);
  if (auto* ticket = std::get_if<Ticket>(&decoded)) {
    const std::string again = dump(to_json(*ticket));
    auto reread = decode_ticket(again);
    if (!ok(reread) || !(std::get<Ticket>(reread) == *ticket)) fail("ticket", again);
    (void)dump(summary_json(*ticket));
  }
#elif defined(BATON_FUZZ_SETTINGS)
  auto decoded = decode_settings(text);
  if (auto* settings = std::get_if<Settings>(&decoded)) {
    const std::string again = dump(to_json(*settings));
    if (!ok(decode_settings(again))) fail("settings", again);
  }
#elif defined(BATON_FUZZ_DIRECTORY)
  auto decoded = decode_directory(text);
  if (auto* directory = std::get_if<Directory>(&decoded)) {
    Json agents = Json::array();
    for (const auto& agent : directory->agents()) agents.push_back(to_json(agent));
    const std::string again = dump(agents);
    if (!ok(decode_directory(again))) fail("directory", again);
  }
#elif defined(BATON_FUZZ_ERROR)
  // An error answer ({"error": {"code", "message", "key", "args", ...}}), a rejection's or the server's own.
  auto decoded = api::decode<api::ApiError>(text);
  if (auto* error = std::get_if<api::ApiError>(&decoded)) {
    const std::string again = api::encode(*error);
    auto reread = api::decode<api::ApiError>(again);
    if (!ok(reread) || !(std::get<api::ApiError>(reread) == *error)) fail("error", again);
  }
#else
#error "define one BATON_FUZZ_<DECODER>"
#endif
  return 0;
}
