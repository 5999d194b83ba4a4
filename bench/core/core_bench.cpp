// How fast the core rules, and how the replica's incremental views compare with re-sorting.
// Run: cmake --preset release && cmake --build --preset release --target baton_core_bench
//      ./build/release/bench/core/baton_core_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>

#include "baton/decide.hpp"
#include "baton/protocol.hpp"
#include "baton/replica.hpp"

using namespace baton;

namespace {

const Directory& directory() {
  static const Directory d({Agent{1, "Alesia", "a@x", Role::agent, {"support"}},
                            Agent{2, "Bruno", "b@x", Role::agent, {"support"}}});
  return d;
}

Ticket ticket_with_thread(TicketId id, int messages, Time at) {
  Ticket t = Ticket::blank(id, "CDOB-7212-OJRK");
  cmd::Create c;
  c.subject = "Complaint with Boiler";
  c.requester = {"Hannah", "h@example.com"};
  c.department = "support";
  c.body = std::string(400, 'x');
  auto apply = [&](const Command& command, Time now) {
    const Decision d = decide(t, command, Actor::system(), now, Settings{}, directory());  // named: outlives the loop
    for (const Event& e : std::get<std::vector<Event>>(d)) t = evolve(std::move(t), e);
  };
  apply(c, at);
  for (int i = 1; i < messages; ++i) apply(cmd::Receive{std::string(400, 'y')}, at + i);
  return t;
}

// One lock + unlock round trip through decide and evolve, as the server does per command.
void BM_DecideEvolveLockUnlock(benchmark::State& state) {
  Ticket t = ticket_with_thread(1, static_cast<int>(state.range(0)), 1000);
  const Actor alesia = *directory().actor(1);
  const Settings s;
  Time now = 2000;
  for (auto _ : state) {
    for (const Command& c : {Command{cmd::Lock{}}, Command{cmd::Unlock{}}}) {
      const Decision d = decide(t, c, alesia, ++now, s, directory());
      for (const Event& e : std::get<std::vector<Event>>(d)) t = evolve(std::move(t), e);
    }
  }
  state.SetItemsProcessed(state.iterations() * 2);
}
BENCHMARK(BM_DecideEvolveLockUnlock)->Arg(1)->Arg(20);

void BM_DecodeReplyCommand(benchmark::State& state) {
  const std::string text = R"({"type":"reply","body":")" + std::string(800, 'h') +
                           R"(","base_version":12,"idempotency_key":"6f1c2d3e-aaaa-bbbb-cccc-1234567890ab"})";
  for (auto _ : state) benchmark::DoNotOptimize(protocol::decode_command(text));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_DecodeReplyCommand);

// The server stores the ticket projection as JSON with every command and reads it back on load.
void BM_TicketJsonRoundTrip(benchmark::State& state) {
  const Ticket t = ticket_with_thread(1, static_cast<int>(state.range(0)), 1000);
  for (auto _ : state) benchmark::DoNotOptimize(protocol::decode_ticket(protocol::dump(protocol::to_json(t))));
}
BENCHMARK(BM_TicketJsonRoundTrip)->Arg(1)->Arg(20);

Replica replica_with(int tickets, std::vector<Event>& updates) {
  Replica r(1);
  std::mt19937 rng(1);
  for (int i = 1; i <= tickets; ++i) {
    Ticket t = Ticket::blank(i, "CDOB-7212-OJRK");
    t.version = 1;
    t.department = "support";
    t.updated_at = static_cast<Time>(rng() % 1'000'000);
    r.upsert(std::move(t), false);
  }
  for (int i = 0; i < 4096; ++i) {
    Event e;
    e.ticket = 1 + static_cast<TicketId>(rng() % static_cast<unsigned>(tickets));
    e.payload = ev::UrgencyChanged{1, 2};
    updates.push_back(e);
  }
  return r;
}

// Applying one live event to a replica of N tickets: the list views move one row each.
void BM_ReplicaApplyIncremental(benchmark::State& state) {
  std::vector<Event> updates;
  Replica r = replica_with(static_cast<int>(state.range(0)), updates);
  Seq seq = 0;
  Time at = 2'000'000;
  std::size_t i = 0;
  for (auto _ : state) {
    Event e = updates[i++ % updates.size()];
    e.seq = ++seq;
    e.at = ++at;
    e.version = r.ticket(e.ticket)->version + 1;
    r.apply(e, seq - 1);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReplicaApplyIncremental)->Arg(1000)->Arg(100000);

// The naive alternative: rebuild and sort the "all" view after each event.
void BM_ViewFullResort(benchmark::State& state) {
  std::vector<Row> rows(static_cast<std::size_t>(state.range(0)));
  std::mt19937 rng(1);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = {static_cast<Time>(rng() % 1'000'000), static_cast<TicketId>(i + 1)};
  Time at = 2'000'000;
  for (auto _ : state) {
    rows[rng() % rows.size()].updated_at = ++at;
    std::sort(rows.begin(), rows.end(), row_before);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ViewFullResort)->Arg(1000)->Arg(100000);

}  // namespace

BENCHMARK_MAIN();
