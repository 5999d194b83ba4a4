// baton_sim: the simulated colleagues of core/sim for the served demo (serve.py --demo). Kept out of
// the rules module (baton_core): it only takes baton_core's Ticket, Settings and Directory values,
// and hands out steps that the server carries through its own command path.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "baton/names.hpp"
#include "baton/protocol.hpp"
#include "baton/workday.hpp"

namespace py = pybind11;
using namespace baton;

namespace {

const char* kind_name(sim::StepKind kind) {
  switch (kind) {
    case sim::StepKind::view: return "view";
    case sim::StepKind::leave: return "leave";
    case sim::StepKind::type: return "type";
    case sim::StepKind::command: return "command";
  }
  return "";
}

}  // namespace

PYBIND11_MODULE(baton_sim, m) {
  m.doc() = "Simulated colleagues (core/sim) for the served demo";
  py::module_::import("baton_core");  // registers Ticket, Settings and Directory, which we take

  py::class_<sim::Step>(m, "Step")
      .def_readonly("at", &sim::Step::at)
      .def_readonly("agent", &sim::Step::agent)
      .def_readonly("ticket", &sim::Step::ticket)
      .def_property_readonly("kind", [](const sim::Step& s) { return kind_name(s.kind); })
      .def_readonly("body", &sim::Step::body)
      .def_property_readonly("draft_kind", [](const sim::Step& s) { return std::string(name_of(s.draft_kind)); })
      // The command as the HTTP API takes it ({"type": ..., ...}), or None.
      .def_property_readonly("command", [](const sim::Step& s) -> std::optional<std::string> {
        if (!s.command) return std::nullopt;
        return protocol::dump(protocol::to_json(*s.command));
      })
      .def_property_readonly("command_type", [](const sim::Step& s) -> std::optional<std::string> {
        if (!s.command) return std::nullopt;
        return std::string(command_type(*s.command));
      });

  py::class_<sim::Workday>(m, "Workday")
      .def(py::init<std::uint64_t, std::vector<AgentId>, Time, double>(), py::arg("seed"), py::arg("colleagues"),
           py::arg("start_ms"), py::arg("speed") = 1.0)
      .def("set_tickets", &sim::Workday::set_tickets, py::arg("tickets"))
      .def("withdraw", &sim::Workday::withdraw, py::arg("agent"))
      .def("rejoin", &sim::Workday::rejoin, py::arg("agent"), py::arg("now_ms"))
      .def("simulated", py::overload_cast<AgentId>(&sim::Workday::simulated, py::const_), py::arg("agent"))
      .def_property_readonly("simulated_agents", py::overload_cast<>(&sim::Workday::simulated, py::const_))
      .def_property_readonly("colleagues", &sim::Workday::colleagues)
      // The next step due at now_ms, or None. `ticket(id)` returns a baton_core.Ticket or None;
      // `person_on(id)` says whether someone not simulated is viewing or typing on it.
      .def("next", [](sim::Workday& day, Time now, const py::function& ticket, const py::function& person_on,
                      const Settings& settings, const Directory& directory) {
        sim::World world{[&](TicketId id) -> const Ticket* {
                           py::object found = ticket(id);
                           return found.is_none() ? nullptr : found.cast<const Ticket*>();
                         },
                         settings, directory, [&](TicketId id) { return person_on(id).cast<bool>(); }};
        return day.next(now, world);
      }, py::arg("now_ms"), py::arg("ticket"), py::arg("person_on"), py::arg("settings"), py::arg("directory"));
}
