#include "live_log.hpp"

#include "baton/api/live.hpp"
#include "baton/overloaded.hpp"
#include "baton/protocol.hpp"

namespace baton::desktop {
namespace {

using namespace api::live;

// What the panel shows of a message both ways: its kind and the seq, ticket and agent it names.
void describe(const ClientMessage& message, LiveMessage& m) {
  std::visit(Overloaded{
                 [&](const Hello& h) { m.type = "hello", m.seq = h.since.value_or(0); },
                 [&](const Viewing& v) { m.type = "view", m.ticket = v.ticket.value_or(0); },
                 [&](const SaveDraft& d) { m.type = "draft", m.ticket = d.ticket; },
                 [&](const Renew& r) { m.type = "renew", m.ticket = r.ticket; },
                 [&](const Ping&) { m.type = "ping"; },
             },
             message);
}

void describe(const ServerMessage& message, LiveMessage& m) {
  std::visit(Overloaded{
                 [&](const EventPush& e) {
                   m.type = "event: " + protocol::to_json(e.event).value("type", std::string("?"));
                   m.seq = e.seq, m.ticket = e.event.ticket, m.actor = e.event.actor;
                 },
                 [&](const Caught& c) { m.type = "live", m.seq = c.seq; },
                 [&](const PresenceUpdate& p) {
                   m.type = "presence: " + std::string(presence_word(p.state));
                   m.ticket = p.ticket, m.actor = p.agent;
                 },
                 [&](const DraftUpdate& d) { m.type = "draft", m.ticket = d.ticket, m.actor = d.author; },
                 [&](const Digest&) { m.type = "digest"; },
                 [&](const DraftStored& d) { m.type = "draft_saved", m.ticket = d.ticket; },
                 [&](const Refused& r) { m.type = "error: " + r.error.code, m.ticket = r.ticket.value_or(0); },
                 [&](const Pong&) { m.type = "pong"; },
             },
             message);
}

}  // namespace

LiveMessage parse_live_message(const std::string& raw, bool incoming, Time at) {
  LiveMessage m;
  m.incoming = incoming;
  m.at = at;
  m.raw = raw;
  if (incoming) {
    auto decoded = decode_server(raw);
    if (auto* message = std::get_if<ServerMessage>(&decoded)) describe(*message, m);
    else m.type = "(unreadable)";
  } else {
    auto decoded = decode_client(raw);
    if (auto* message = std::get_if<ClientMessage>(&decoded)) describe(*message, m);
    else m.type = "(unreadable)";
  }
  return m;
}

void LiveLog::add(const std::string& raw, bool incoming, Time at) {
  LiveMessage m = parse_live_message(raw, incoming, at);
  m.number = ++total_;
  messages_.push_back(std::move(m));
  while (messages_.size() > capacity_) messages_.pop_front();
}

}  // namespace baton::desktop
