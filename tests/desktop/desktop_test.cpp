// The desktop build's pieces that need no window: its command line, state file, run queue, live
// message log, the debug panel's decide() answers, and the Beast client's "no answer".
#include <gtest/gtest.h>

#include <utility>  // before Asio (std::exchange)

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <thread>

#include "baton/api/live.hpp"
#include "beast_net_client.hpp"
#include "debug_panel.hpp"
#include "live_log.hpp"
#include "options.hpp"
#include "run_queue.hpp"
#include "state_file.hpp"

namespace baton::desktop {
namespace {

TEST(Options, DefaultsToTheLocalServerAndReadsEveryFlag) {
  std::string error;
  auto o = parse_options({}, error);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->server, "http://127.0.0.1:8000");
  o = parse_options({"--server", "http://127.0.0.1:9000", "--email=marcus@baton.test", "--password", "baton-demo",
                     "--snapshot-file", "/tmp/s.json", "--scale", "2", "--size", "1024x700", "--debug"},
                    error);
  ASSERT_TRUE(o) << error;
  EXPECT_EQ(o->server, "http://127.0.0.1:9000");
  EXPECT_EQ(o->email, "marcus@baton.test");
  EXPECT_EQ(o->password, "baton-demo");
  EXPECT_EQ(o->snapshot_file, "/tmp/s.json");
  EXPECT_FLOAT_EQ(o->text_scale, 2.0f);
  EXPECT_EQ(o->width, 1024);
  EXPECT_EQ(o->height, 700);
  EXPECT_TRUE(o->debug_panel);
}

TEST(Options, MistakesAreSaidInWords) {
  std::string error;
  EXPECT_FALSE(parse_options({"--server"}, error));
  EXPECT_EQ(error, "--server needs a value");
  error.clear();
  EXPECT_FALSE(parse_options({"--email", "a@b"}, error));
  EXPECT_EQ(error, "--email and --password go together");
  error.clear();
  EXPECT_FALSE(parse_options({"--frobnicate"}, error));
  EXPECT_EQ(error, "unknown argument: --frobnicate");
  error.clear();
  EXPECT_FALSE(parse_options({"--scale", "big"}, error));
  EXPECT_NE(error.find("--scale"), std::string::npos);
}

TEST(Options, TheThemeComesFromTheCommandLineElseFromGtk) {
  std::string error;
  auto o = parse_options({"--theme", "contrast"}, error);
  ASSERT_TRUE(o) << error;
  EXPECT_EQ(o->theme, "contrast");
  EXPECT_FALSE(parse_options({"--theme", "sepia"}, error));
  EXPECT_EQ(error, "--theme must be light, dark or contrast");
  EXPECT_EQ(choose_appearance(std::nullopt, system_look("dark", nullptr)).theme, shell::Theme::dark);
  EXPECT_EQ(choose_appearance(std::nullopt, system_look("contrast", "Adwaita:dark")).theme, shell::Theme::contrast);
  EXPECT_EQ(choose_appearance(std::nullopt, system_look("light", "Adwaita:dark")).theme, shell::Theme::light);
  EXPECT_EQ(choose_appearance(std::nullopt, system_look("", "Adwaita:dark")).theme, shell::Theme::dark);
  EXPECT_EQ(choose_appearance(std::nullopt, system_look("", "Adwaita")).theme, shell::Theme::light);
  EXPECT_EQ(choose_appearance(std::nullopt, system_look("", nullptr)).theme, shell::Theme::light);
}

TEST(ServerAddress, ReadsHostAndPortOfAnHttpAddress) {
  ServerAddress a;
  std::string error;
  ASSERT_TRUE(ServerAddress::parse("http://127.0.0.1:8000/", a, error));
  EXPECT_EQ(a.host, "127.0.0.1");
  EXPECT_EQ(a.port, "8000");
  EXPECT_EQ(a.host_header(), "127.0.0.1:8000");
  ASSERT_TRUE(ServerAddress::parse("http://baton.local", a, error));
  EXPECT_EQ(a.port, "80");
  EXPECT_EQ(a.host_header(), "baton.local");
  EXPECT_FALSE(ServerAddress::parse("https://baton.example", a, error));
  EXPECT_FALSE(ServerAddress::parse("http://host:eighty", a, error));
}

TEST(StateFile, KeepsValuesAcrossRestartsInOneJsonFile) {
  const auto folder = std::filesystem::temp_directory_path() / ("baton-state-" + std::to_string(::getpid()));
  const auto path = folder / "nested" / "desktop.json";
  {
    StateFile file(path);
    EXPECT_FALSE(file.load("baton.token"));
    file.save("baton.token", "t-1");
    file.save("baton.draft.2.1", "{\"body\":\"Hi\"}");
    file.erase("baton.draft.2.1");
    EXPECT_TRUE(file.error().empty()) << file.error();
  }
  StateFile again(path);
  EXPECT_EQ(again.load("baton.token"), "t-1");
  EXPECT_FALSE(again.load("baton.draft.2.1"));
  EXPECT_FALSE(std::filesystem::exists(path.string() + ".tmp"));
  std::filesystem::remove_all(folder);
}

TEST(StateFile, LivesUnderXdgStateHomeOneFilePerServer) {
  ::setenv("XDG_STATE_HOME", "/tmp/xdg-state", 1);
  EXPECT_EQ(StateFile::default_path("127.0.0.1", "8000"), "/tmp/xdg-state/baton/desktop-127.0.0.1-8000.json");
  ::unsetenv("XDG_STATE_HOME");
  ::setenv("HOME", "/home/agent", 1);
  EXPECT_EQ(StateFile::default_path("127.0.0.1", "9000"), "/home/agent/.local/state/baton/desktop-127.0.0.1-9000.json");
}

TEST(RunQueue, RunsPostedWorkInOrderAndHoldsBackWhatIsNotDue) {
  RunQueue queue;
  int wakes = 0;
  queue.set_wake([&] { ++wakes; });
  std::string ran;
  const auto now = RunQueue::Clock::now();
  queue.post([&] { ran += "a"; });
  queue.post([&] { ran += "b"; }, now + std::chrono::seconds(1));
  queue.post([&] { ran += "c"; });  // behind b: order is kept
  EXPECT_EQ(wakes, 3);
  EXPECT_EQ(queue.drain(now), 1);
  EXPECT_EQ(ran, "a");
  EXPECT_EQ(queue.next_due(), now + std::chrono::seconds(1));
  EXPECT_EQ(queue.drain(now + std::chrono::seconds(1)), 2);
  EXPECT_EQ(ran, "abc");
  EXPECT_FALSE(queue.next_due());
}

TEST(RunQueue, TakesWorkFromAnotherThread) {
  RunQueue queue;
  int ran = 0;
  std::thread worker([&] {
    for (int i = 0; i < 1000; ++i) queue.post([&] { ++ran; });
  });
  worker.join();
  EXPECT_EQ(queue.drain(), 1000);
  EXPECT_EQ(ran, 1000);
}

TEST(LiveLog, ShowsSeqTypeTicketAndActorOfEachMessage) {
  LiveLog log(3);
  // A lock on ticket 7 by agent 2, as the server pushes it.
  const std::string locked = api::live::encode(api::live::ServerMessage(
      api::live::EventPush{12, 11, Event{12, 7, 2, 1000, 4, ev::Locked{2, std::nullopt}}}));
  log.add(locked, true, 1);
  log.add(R"({"type":"draft","ticket":7,"author":1,"draft":null})", true, 2);
  log.add(R"({"type":"presence","ticket":7,"agent":3,"state":"typing"})", true, 3);
  log.add(R"({"type":"hello","since":12})", false, 4);
  ASSERT_EQ(log.messages().size(), 3u) << "the oldest goes";
  EXPECT_EQ(log.total(), 4u);
  const LiveMessage& draft = log.messages()[0];
  EXPECT_EQ(draft.type, "draft");
  EXPECT_EQ(draft.actor, 1);
  EXPECT_EQ(log.messages()[1].type, "presence: typing");
  EXPECT_FALSE(log.messages()[2].incoming);
  EXPECT_EQ(log.messages()[2].seq, 12);
  const LiveMessage event = parse_live_message(locked, true, 1);
  EXPECT_EQ(event.type, "event: locked");
  EXPECT_EQ(event.seq, 12);
  EXPECT_EQ(event.ticket, 7);
  EXPECT_EQ(event.actor, 2);
  EXPECT_EQ(parse_live_message("not json", true, 1).type, "(unreadable)");
}

TEST(DebugPanel, SaysWhatTheCoreDecidesForEachActionOnTheOpenTicket) {
  shell::AppState state;
  const Agent alesia{1, "Alesia Burvin", "alesia@baton.test", Role::admin, {"support"}};
  const Agent marcus{2, "Marcus Lindqvist", "marcus@baton.test", Role::agent, {"support"}};
  state.me = marcus;
  state.directory = Directory({alesia, marcus});
  state.replica.emplace(marcus.id);
  const Time now = 1'800'000'000'000;
  Ticket t;
  t.id = 5;
  t.ref = "CDOB-7212-OJRK";
  t.department = "support";
  t.version = 3;
  t.lock = Lock{alesia.id, now - 60'000, now - 60'000, now + 600'000};
  state.replica->upsert(t, true);
  EXPECT_TRUE(decide_open_ticket(state, now).empty()) << "no ticket open";
  state.open.id = 5;
  const auto verdicts = decide_open_ticket(state, now);
  ASSERT_FALSE(verdicts.empty());
  EXPECT_EQ(verdicts[0].line(),
            "Lock: rejected (locked) Locked by Alesia Burvin: only they can change this ticket until it is unlocked");
  bool reply_refused = false, force_refused = false;
  for (const auto& v : verdicts) {
    if (v.action == "Reply") reply_refused = !v.allowed && v.code == "locked";
    if (v.action == "Force unlock") force_refused = !v.allowed && v.code == "forbidden";
  }
  EXPECT_TRUE(reply_refused);
  EXPECT_TRUE(force_refused) << "only an admin may force";
  state.replica->upsert([&] { Ticket u = t; u.lock.reset(); u.version = 4; return u; }(), true);
  EXPECT_EQ(decide_open_ticket(state, now)[0].line(), "Lock: allowed -> locked");
  const auto replica = replica_json(state);
  EXPECT_EQ(replica["tickets"], 1);
  EXPECT_EQ(replica["held_back"], 0);
}

TEST(BeastNetClient, ARequestToNoServerAnswersStatusZeroOnTheQueue) {
  RunQueue queue;
  ServerAddress nowhere{"127.0.0.1", "9"};  // discard: nothing listens
  BeastNetClient net(nowhere, queue);
  bool answered = false;
  int status = -1;
  net.request("GET", "/api/me", "", "", [&](shell::HttpResponse r) {
    answered = true;
    status = r.status;
  });
  EXPECT_EQ(net.stats().in_flight.size(), 1u);
  for (int i = 0; i < 200 && !answered; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    queue.drain();  // callbacks run here, on this (the UI) thread
  }
  ASSERT_TRUE(answered);
  EXPECT_EQ(status, 0);
  EXPECT_TRUE(net.stats().in_flight.empty());
}

TEST(BeastNetClient, ASocketToNoServerClosesWith1006AndOfflineRefusesAtOnce) {
  RunQueue queue;
  BeastNetClient net(ServerAddress{"127.0.0.1", "9"}, queue);
  int closed = 0;
  bool opened = false;
  net.open_socket("/api/ws", {[&] { opened = true; }, [](std::string) {}, [&](const shell::SocketClose& close) { closed = close.code; }});
  EXPECT_EQ(net.stats().phase, SocketPhase::connecting);
  for (int i = 0; i < 200 && !closed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    queue.drain();
  }
  EXPECT_FALSE(opened);
  EXPECT_EQ(closed, 1006);
  EXPECT_EQ(net.stats().phase, SocketPhase::closed);
  closed = 0;
  net.go_offline(60'000);
  net.open_socket("/api/ws", {[&] { opened = true; }, [](std::string) {}, [&](const shell::SocketClose& close) { closed = close.code; }});
  EXPECT_EQ(closed, 0) << "never from inside open_socket";
  queue.drain();
  EXPECT_EQ(closed, 1006);
}

// The server refuses a new socket for the agent's rate before the handshake (429, Retry-After):
// the workspace learns how long to wait, which a browser cannot tell it.
TEST(BeastNetClient, AnUpgradeRefused429GivesItsRetryAfter) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const std::string port = std::to_string(acceptor.local_endpoint().port());
  RunQueue queue;
  BeastNetClient net(ServerAddress{"127.0.0.1", port}, queue);
  std::optional<shell::SocketClose> closed;
  net.open_socket("/api/ws", {[] {}, [](std::string) {}, [&](const shell::SocketClose& close) { closed = close; }});
  boost::asio::ip::tcp::socket peer(io);
  acceptor.accept(peer);
  boost::asio::streambuf request;
  boost::asio::read_until(peer, request, "\r\n\r\n");
  const std::string answer = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  boost::asio::write(peer, boost::asio::buffer(answer));
  for (int i = 0; i < 200 && !closed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    queue.drain();
  }
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->code, 1006);
  EXPECT_EQ(closed->retry_after_ms, 3000);
}

TEST(BeastNetClient, ASocketClosedWhileConnectingLeavesNoConnectionBehind) {
  // A server that accepts and never answers the WebSocket handshake.
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const std::string port = std::to_string(acceptor.local_endpoint().port());
  RunQueue queue;
  BeastNetClient net(ServerAddress{"127.0.0.1", port}, queue);
  bool reported = false;
  net.open_socket("/api/ws", {[&] { reported = true; }, [&](std::string) { reported = true; }, [&](const shell::SocketClose&) { reported = true; }});
  boost::asio::ip::tcp::socket peer(io);
  acceptor.accept(peer);
  net.close_socket();  // the workspace lets go during the handshake
  const auto started = std::chrono::steady_clock::now();
  boost::system::error_code ec;
  char buffer[4096];
  while (!ec) peer.read_some(boost::asio::buffer(buffer), ec);  // the handshake request, then the end
  EXPECT_EQ(ec, boost::asio::error::eof);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2)) << "closed at once, not at a timeout";
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  queue.drain();
  EXPECT_FALSE(reported) << "a socket the workspace closed reports nothing";
}

}  // namespace
}  // namespace baton::desktop
