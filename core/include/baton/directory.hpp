#pragma once
// Who the agents are: names for messages, roles and departments for permissions.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "baton/ids.hpp"

namespace baton {

enum class Role { agent, admin, system };

struct Agent {
  AgentId id = 0;
  std::string name;
  std::string email;
  Role role = Role::agent;
  std::vector<std::string> departments;
  bool operator==(const Agent&) const = default;
};

// The one who issues a command. Admins and the system act in every department.
struct Actor {
  AgentId id = kSystemAgent;
  Role role = Role::system;
  std::vector<std::string> departments;

  bool is_system() const { return role == Role::system; }
  bool is_admin() const { return role == Role::admin; }
  bool can_see(const std::string& department) const;

  static Actor system() { return Actor{}; }
  static Actor of(const Agent& agent) { return Actor{agent.id, agent.role, agent.departments}; }
};

class Directory {
 public:
  Directory() = default;
  explicit Directory(std::vector<Agent> agents);

  const Agent* find(AgentId id) const;
  std::optional<Actor> actor(AgentId id) const;
  // A display name for messages: the agent's name, "system", or "agent #7" for an unknown id.
  std::string name(AgentId id) const;
  const std::vector<Agent>& agents() const { return agents_; }

 private:
  std::vector<Agent> agents_;
  std::map<AgentId, std::size_t> index_;
};

}  // namespace baton
