// baton_core: the core for serve.py. The server never re-implements a rule: it calls these.
// Errors come back as Rejection values, never as exceptions (see docs/CORE.md).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "baton/api/bodies.hpp"
#include "baton/automation.hpp"
#include "baton/decide.hpp"
#include "baton/draft_effects.hpp"
#include "baton/freshness.hpp"
#include "baton/names.hpp"
#include "baton/protocol.hpp"
#include "baton/report.hpp"
#include "baton/text_language.hpp"
#include "baton/ticket_ref.hpp"

namespace py = pybind11;
using namespace baton;

namespace {

// Commands are a std::variant in C++; Python sees one opaque class.
struct PyCommand {
  Command value;
};

template <typename T, typename Out = T>
py::object result_to_py(Result<T> result) {
  if (auto* error = std::get_if<Rejection>(&result)) return py::cast(std::move(*error));
  return py::cast(Out{std::move(std::get<T>(result))});
}

std::string text(const protocol::Json& json) { return protocol::dump(json); }

}  // namespace

PYBIND11_MODULE(baton_core, m) {
  m.doc() = "Baton's collision rules (the C++ core), for the server";

  py::class_<Rejection>(m, "Rejection")
      .def_property_readonly("code", [](const Rejection& r) { return std::string(name_of(r.code)); })
      .def_readonly("key", &Rejection::key)
      .def_readonly("args", &Rejection::args)
      .def_readonly("message", &Rejection::message)
      .def_readonly("field", &Rejection::field)
      .def_property_readonly("http_status", [](const Rejection& r) { return http_status(r); })
      .def_readonly("message_id", &Rejection::message_id)
      .def_readonly("holder", &Rejection::holder)
      .def("to_json", [](const Rejection& r) { return text(protocol::to_json(r)); })
      .def("__repr__", [](const Rejection& r) { return "<Rejection " + text(protocol::to_json(r)) + ">"; });

  // The words of every key (error_texts.hpp): the server's own errors are worded from the same table.
  m.def("error_text", [](const std::string& key) -> std::optional<std::pair<std::string, std::string>> {
    if (const ErrorText* t = find_error_text(key)) return std::pair(std::string(t->code), std::string(t->english));
    return std::nullopt;
  }, py::arg("key"));
  m.def("fill_in", &fill_in, py::arg("pattern"), py::arg("args"));
  m.def("error_keys", [] {
    std::vector<std::string> out;
    for (const ErrorText& t : error_texts()) out.emplace_back(t.key);
    return out;
  });

  // The agent's own preferences (docs/API.md): read strictly, `lang` one of LANGUAGES or None.
  py::class_<api::Preferences>(m, "Preferences")
      .def_static("default", [] { return api::Preferences{}; })
      .def_static("parse", [](const std::string& s) { return result_to_py(api::decode<api::Preferences>(s)); })
      .def_readonly("lang", &api::Preferences::lang)
      .def("to_json", [](const api::Preferences& p) { return api::encode(p); });
  {
    std::vector<std::string> codes;
    for (std::string_view code : api::languages()) codes.emplace_back(code);
    m.attr("LANGUAGES") = codes;
  }

  // The language a text's script tells ("Japanese", "Korean", "Chinese"), or None. The core itself
  // gives it to a `create` that names no language (mail, POST /api/inbound); here for tools and tests.
  m.def("language_of_text", [](const std::string& text) -> std::optional<std::string> {
    if (auto language = language_of_text(text)) return std::string(*language);
    return std::nullopt;
  }, py::arg("text"));

  py::class_<Settings>(m, "Settings")
      .def_static("default", [] { return Settings{}; })
      .def_static("parse", [](const std::string& s) { return result_to_py(protocol::decode_settings(s)); })
      .def("to_json", [](const Settings& s) { return text(protocol::to_json(s)); })
      .def_readonly("lock_timeout_secs", &Settings::lock_timeout_secs)
      .def_readonly("disconnect_grace_secs", &Settings::disconnect_grace_secs)
      .def_readonly("unlock_on_reply", &Settings::unlock_on_reply)
      .def_readonly("release_lock_on_reassign", &Settings::release_lock_on_reassign)
      .def_readonly("auto_assign", &Settings::auto_assign)
      .def_readonly("max_body_bytes", &Settings::max_body_bytes)
      .def_property_readonly("lock_mode", [](const Settings& s) { return std::string(name_of(s.lock_mode)); })
      .def_readonly("idle_release_secs", &Settings::idle_release_secs)
      .def_readonly("undo_send_secs", &Settings::undo_send_secs)
      .def_readonly("lock_request_timeout_secs", &Settings::lock_request_timeout_secs)
      .def_readonly("max_mail_bytes", &Settings::max_mail_bytes)
      .def_readonly("mail_addresses", &Settings::mail_addresses);

  py::class_<Actor>(m, "Actor")
      .def_static("system", &Actor::system)
      .def_readonly("id", &Actor::id)
      .def_property_readonly("role", [](const Actor& a) { return std::string(name_of(a.role)); })
      .def_readonly("departments", &Actor::departments)
      .def("can_see", &Actor::can_see);

  py::class_<Directory>(m, "Directory")
      .def_static("parse", [](const std::string& s) { return result_to_py(protocol::decode_directory(s)); })
      .def("actor", &Directory::actor)
      .def("name", &Directory::name)
      .def("to_json", [](const Directory& d) {
        protocol::Json out = protocol::Json::array();
        for (const auto& a : d.agents()) out.push_back(protocol::to_json(a));
        return text(out);
      });

  py::class_<Ticket>(m, "Ticket")
      .def_static("blank", &Ticket::blank, py::arg("id"), py::arg("ref"))
      .def_static("parse", [](const std::string& s) { return result_to_py(protocol::decode_ticket(s)); })
      .def("to_json", [](const Ticket& t, bool with_drafts) { return text(protocol::to_json(t, with_drafts)); },
           py::arg("with_drafts") = true)
      .def("summary_json", [](const Ticket& t) { return text(protocol::summary_json(t)); })
      .def_readonly("id", &Ticket::id)
      .def_readonly("ref", &Ticket::ref)
      .def_property_readonly("exists", &Ticket::exists)
      .def_readonly("version", &Ticket::version)
      .def_readonly("department", &Ticket::department)
      .def_readonly("subject", &Ticket::subject)
      .def_property_readonly("requester_name", [](const Ticket& t) { return t.requester.name; })
      .def_property_readonly("requester_email", [](const Ticket& t) { return t.requester.email; })
      .def_property_readonly("status", [](const Ticket& t) { return std::string(name_of(t.status)); })
      .def_readonly("urgency", &Ticket::urgency)
      .def_readonly("assignee", &Ticket::assignee)
      .def_property_readonly("lock_holder", [](const Ticket& t) { return t.lock ? std::optional(t.lock->holder) : std::nullopt; })
      .def_property_readonly("lock_expires_at", [](const Ticket& t) { return t.lock ? t.lock->expires_at : std::nullopt; })
      .def_property_readonly("lock_requester", [](const Ticket& t) {
        return t.lock && t.lock->request ? std::optional(t.lock->request->requester) : std::nullopt;
      })
      .def_property_readonly("pending_reply_author", [](const Ticket& t) {
        return t.pending_reply ? std::optional(t.pending_reply->author) : std::nullopt;
      })
      .def_property_readonly("has_timers", [](const Ticket& t) { return has_timers(t); })
      .def_readonly("updated_at", &Ticket::updated_at)
      .def_readonly("message_count", &Ticket::message_count)
      .def_property_readonly("drafters", [](const Ticket& t) {
        std::vector<AgentId> out;
        for (const auto& d : t.drafts) out.push_back(d.author);
        return out;
      })
      .def("__eq__", [](const Ticket& a, const Ticket& b) { return a == b; });

  py::class_<PyCommand>(m, "Command")
      .def_static("parse", [](const std::string& s, std::size_t max_bytes) {
        return result_to_py<Command, PyCommand>(protocol::decode_command(s, max_bytes));
      }, py::arg("text"), py::arg("max_bytes"))
      .def_property_readonly("type", [](const PyCommand& c) { return std::string(command_type(c.value)); })
      .def("to_json", [](const PyCommand& c) { return text(protocol::to_json(c.value)); });

  py::class_<Event>(m, "Event")
      .def_static("parse", [](const std::string& s) { return result_to_py(protocol::decode_event(s)); })
      .def_property_readonly("type", [](const Event& e) { return std::string(event_type(e)); })
      .def_readwrite("seq", &Event::seq)
      .def_readonly("ticket", &Event::ticket)
      .def_readonly("actor", &Event::actor)
      .def_readonly("at", &Event::at)
      .def_readonly("version", &Event::version)
      .def_property_readonly("ephemeral", &Event::ephemeral)
      .def("to_json", [](const Event& e) { return text(protocol::to_json(e)); });

  m.def("decide", [](const Ticket& t, const PyCommand& c, const Actor& a, Time now, const Settings& s, const Directory& d) {
    return decide(t, c.value, a, now, s, d);
  }, py::arg("ticket"), py::arg("command"), py::arg("actor"), py::arg("now_ms"), py::arg("settings"), py::arg("directory"));
  m.def("evolve", [](const Ticket& t, const Event& e) { return evolve(t, e); });
  // [(author, the draft's JSON from now on, or None: their draft ends)] for the server's drafts table.
  m.def("draft_effects", [](const Ticket& before, const Event& e) {
    std::vector<std::pair<AgentId, std::optional<std::string>>> out;
    for (const auto& effect : draft_effects(before, e))
      out.emplace_back(effect.author, effect.draft ? std::optional(text(protocol::to_json(*effect.draft))) : std::nullopt);
    return out;
  }, py::arg("before"), py::arg("event"));
  m.def("due_command", [](const Ticket& t, Time now, const Settings& s, std::optional<Time> offline_since) -> std::optional<PyCommand> {
    if (auto c = due_command(t, now, s, offline_since)) return PyCommand{*c};
    return std::nullopt;
  }, py::arg("ticket"), py::arg("now_ms"), py::arg("settings"), py::arg("holder_offline_since") = py::none());
  m.def("choose_assignee", &choose_assignee, py::arg("ticket"), py::arg("candidates"), py::arg("last_assigned"),
        py::arg("someone_on"));
  m.def("make_ref", &make_ref);
  m.def("freshness", &freshness);

  // The collision report (report.hpp, docs/API.md): logged events' and refusals' JSON texts in, the
  // report as JSON or CSV text out (a Rejection for an input that does not decode). Also when the
  // current lock was taken, so the server records "had to wait for a lock" once per lock.
  {
    using Inputs = std::pair<std::vector<Event>, std::vector<Refusal>>;
    auto decode = [](const std::vector<std::string>& events, const std::vector<std::string>& refusals) -> Result<Inputs> {
      Inputs in;
      in.first.reserve(events.size());
      for (const auto& text : events) {
        auto e = protocol::decode_event(text);
        if (auto* error = std::get_if<Rejection>(&e)) return *error;
        in.first.push_back(std::move(std::get<Event>(e)));
      }
      for (const auto& text : refusals) {
        auto r = protocol::decode_refusal(text);
        if (auto* error = std::get_if<Rejection>(&r)) return *error;
        in.second.push_back(std::move(std::get<Refusal>(r)));
      }
      return in;
    };
    auto report = [decode](bool csv) {
      return [decode, csv](const std::vector<std::string>& events, const std::vector<std::string>& refusals, Time from,
                           Time to, const Directory& directory) -> py::object {
        auto in = decode(events, refusals);
        if (auto* error = std::get_if<Rejection>(&in)) return py::cast(*error);
        const auto& [evs, refs] = std::get<Inputs>(in);
        CollisionReport r;
        {
          py::gil_scoped_release unlocked;
          r = collision_report(evs, refs, from, to);
        }
        return py::str(csv ? protocol::report_csv(r, directory) : protocol::report_json(r, directory));
      };
    };
    m.def("collision_report", report(false), py::arg("events"), py::arg("refusals"), py::arg("from_ms"),
          py::arg("to_ms"), py::arg("directory"));
    m.def("collision_report_csv", report(true), py::arg("events"), py::arg("refusals"), py::arg("from_ms"),
          py::arg("to_ms"), py::arg("directory"));
    m.attr("REPORT_SLIP_WINDOW_MS") = kSlipWindow;
    m.attr("REPORT_RESOLVE_WINDOW_MS") = kResolveWindow;
    m.def("utc_day", &utc_day, py::arg("at_ms"));
    m.def("parse_utc_day", &parse_utc_day, py::arg("day"));
    py::reinterpret_borrow<py::class_<Ticket>>(m.attr("Ticket"))
        .def_property_readonly("lock_acquired_at", [](const Ticket& t) {
          return t.lock ? std::optional(t.lock->acquired_at) : std::nullopt;
        });
  }
}
