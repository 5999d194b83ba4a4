#include "baton/names.hpp"

#include <array>
#include <utility>

namespace baton {
namespace {

template <typename T, std::size_t N>
using Table = std::array<std::pair<T, std::string_view>, N>;

constexpr Table<Status, 4> kStatus{{{Status::awaiting_agent, "awaiting_agent"},
                                    {Status::awaiting_user, "awaiting_user"},
                                    {Status::pending, "pending"},
                                    {Status::resolved, "resolved"}}};
constexpr Table<MessageKind, 3> kMessageKind{
    {{MessageKind::customer, "customer"}, {MessageKind::reply, "reply"}, {MessageKind::note, "note"}}};
constexpr Table<DraftKind, 2> kDraftKind{{{DraftKind::reply, "reply"}, {DraftKind::note, "note"}}};
constexpr Table<UnlockReason, 8> kUnlockReason{{{UnlockReason::manual, "manual"},
                                                {UnlockReason::expired, "expired"},
                                                {UnlockReason::disconnected, "disconnected"},
                                                {UnlockReason::forced, "forced"},
                                                {UnlockReason::replied, "replied"},
                                                {UnlockReason::reassigned, "reassigned"},
                                                {UnlockReason::idle, "idle"},
                                                {UnlockReason::discarded, "discarded"}}};
constexpr Table<LockReason, 2> kLockReason{{{LockReason::manual, "manual"}, {LockReason::typing, "typing"}}};
constexpr Table<LockMode, 2> kLockMode{{{LockMode::manual, "manual"}, {LockMode::on_typing, "on_typing"}}};
constexpr Table<ChangeKind, 5> kChangeKind{{{ChangeKind::customer_message, "customer_message"},
                                            {ChangeKind::reply, "reply"},
                                            {ChangeKind::note, "note"},
                                            {ChangeKind::assignment, "assignment"},
                                            {ChangeKind::status, "status"}}};
constexpr Table<DeliveryState, 4> kDeliveryState{{{DeliveryState::queued, "queued"},
                                                  {DeliveryState::retrying, "retrying"},
                                                  {DeliveryState::sent, "sent"},
                                                  {DeliveryState::failed, "failed"}}};
constexpr Table<Role, 3> kRole{{{Role::agent, "agent"}, {Role::admin, "admin"}, {Role::system, "system"}}};
constexpr Table<RejectionCode, 7> kRejectionCode{{{RejectionCode::invalid, "invalid"},
                                                  {RejectionCode::forbidden, "forbidden"},
                                                  {RejectionCode::not_found, "not_found"},
                                                  {RejectionCode::locked, "locked"},
                                                  {RejectionCode::stale, "stale"},
                                                  {RejectionCode::conflict, "conflict"},
                                                  {RejectionCode::duplicate, "duplicate"}}};
constexpr Table<InvalidReason, 5> kInvalidReason{{{InvalidReason::missing, "missing"},
                                                  {InvalidReason::type, "type"},
                                                  {InvalidReason::unknown, "unknown"},
                                                  {InvalidReason::value, "value"},
                                                  {InvalidReason::too_large, "too_large"}}};

template <typename T, std::size_t N>
std::string_view lookup(const Table<T, N>& table, T value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "?";
}

template <typename T, std::size_t N>
std::optional<T> lookup(const Table<T, N>& table, std::string_view name) {
  for (const auto& [v, n] : table)
    if (n == name) return v;
  return std::nullopt;
}

}  // namespace

std::string_view name_of(Status v) { return lookup(kStatus, v); }
std::string_view name_of(MessageKind v) { return lookup(kMessageKind, v); }
std::string_view name_of(DraftKind v) { return lookup(kDraftKind, v); }
std::string_view name_of(UnlockReason v) { return lookup(kUnlockReason, v); }
std::string_view name_of(ChangeKind v) { return lookup(kChangeKind, v); }
std::string_view name_of(Role v) { return lookup(kRole, v); }
std::string_view name_of(RejectionCode v) { return lookup(kRejectionCode, v); }
std::string_view name_of(InvalidReason v) { return lookup(kInvalidReason, v); }
std::string_view name_of(LockReason v) { return lookup(kLockReason, v); }
std::string_view name_of(LockMode v) { return lookup(kLockMode, v); }
std::string_view name_of(DeliveryState v) { return lookup(kDeliveryState, v); }

template <> std::optional<Status> parse_name(std::string_view n) { return lookup(kStatus, n); }
template <> std::optional<MessageKind> parse_name(std::string_view n) { return lookup(kMessageKind, n); }
template <> std::optional<DraftKind> parse_name(std::string_view n) { return lookup(kDraftKind, n); }
template <> std::optional<UnlockReason> parse_name(std::string_view n) { return lookup(kUnlockReason, n); }
template <> std::optional<ChangeKind> parse_name(std::string_view n) { return lookup(kChangeKind, n); }
template <> std::optional<Role> parse_name(std::string_view n) { return lookup(kRole, n); }
template <> std::optional<LockReason> parse_name(std::string_view n) { return lookup(kLockReason, n); }
template <> std::optional<LockMode> parse_name(std::string_view n) { return lookup(kLockMode, n); }
template <> std::optional<RejectionCode> parse_name(std::string_view n) { return lookup(kRejectionCode, n); }
template <> std::optional<InvalidReason> parse_name(std::string_view n) { return lookup(kInvalidReason, n); }
template <> std::optional<DeliveryState> parse_name(std::string_view n) { return lookup(kDeliveryState, n); }

}  // namespace baton
