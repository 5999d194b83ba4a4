// The core compiled to WebAssembly decides exactly as it does natively: a collision scenario,
// through the JSON protocol the browser will use. Run under node by scripts/test.sh.
#include <cstdio>
#include <string>

#include "baton/decide.hpp"
#include "baton/protocol.hpp"

using namespace baton;

namespace {

int passed = 0, failed = 0;

void check(bool ok, const char* what) {
  std::printf("%s %s\n", ok ? "ok  " : "FAIL", what);
  (ok ? passed : failed)++;
}

Decision run(Ticket& t, const char* json, const Actor& who, Time now, const Settings& s, const Directory& d) {
  auto command = protocol::decode_command(json);
  if (!ok(command)) return std::get<Rejection>(command);
  Decision decision = decide(t, std::get<Command>(command), who, now, s, d);
  if (auto* events = std::get_if<std::vector<Event>>(&decision))
    for (const auto& e : *events) t = evolve(t, e);
  return decision;
}

}  // namespace

int main() {
  auto directory = std::get<Directory>(protocol::decode_directory(
      R"([{"id":1,"name":"Alesia","email":"a@x","role":"agent","departments":["support"]},
          {"id":2,"name":"Bruno","email":"b@x","role":"agent","departments":["support"]}])"));
  const Settings settings;
  const Actor alesia = *directory.actor(1), bruno = *directory.actor(2);
  Ticket t = Ticket::blank(1, "CDOB-7212-OJRK");
  const Time now = 1'700'000'000'000;

  run(t, R"({"type":"create","subject":"Boiler","requester":{"name":"Hannah","email":"h@x"},"department":"support","body":"hiss"})",
      Actor::system(), now, settings, directory);
  check(t.version == 1, "a ticket is created from JSON");
  check(ok(run(t, R"({"type":"lock"})", alesia, now, settings, directory)), "Alesia locks it");
  auto collision = run(t, R"({"type":"reply","body":"Hi","base_version":2,"idempotency_key":"k"})", bruno, now, settings, directory);
  check(!ok(collision) && std::get<Rejection>(collision).code == RejectionCode::locked &&
            std::get<Rejection>(collision).holder == 1,
        "Bruno's reply is refused: locked by Alesia");
  check(ok(run(t, R"({"type":"draft","body":"Hi Hannah","base_version":2})", bruno, now, settings, directory)),
        "Bruno may still draft");
  auto bad = protocol::decode_command(R"({"type":"reply","body":5})");
  check(!ok(bad) && std::get<Rejection>(bad).field == "body", "a wrong type is rejected naming the field");
  auto back = protocol::decode_ticket(protocol::dump(protocol::to_json(t)));
  check(ok(back) && std::get<Ticket>(back) == t, "the ticket round-trips through JSON");

  std::printf("wasm core: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
