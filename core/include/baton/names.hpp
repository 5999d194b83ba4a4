#pragma once
// The wire names of the core's enums, one table each, used by the protocol and by messages.
#include <optional>
#include <string_view>

#include "baton/directory.hpp"
#include "baton/model.hpp"
#include "baton/rejection.hpp"
#include "baton/settings.hpp"

namespace baton {

std::string_view name_of(Status v);
std::string_view name_of(MessageKind v);
std::string_view name_of(DraftKind v);
std::string_view name_of(UnlockReason v);
std::string_view name_of(ChangeKind v);
std::string_view name_of(Role v);
std::string_view name_of(RejectionCode v);
std::string_view name_of(InvalidReason v);
std::string_view name_of(LockReason v);
std::string_view name_of(LockMode v);
std::string_view name_of(DeliveryState v);

// parse<T>("resolved") -> Status::resolved; none for an unknown name.
template <typename T>
std::optional<T> parse_name(std::string_view name);

}  // namespace baton
