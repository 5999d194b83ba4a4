#pragma once
// What the rules call empty: nothing but white space. One definition for the core (an empty
// reply, a blank typing draft, an undone send's merge) and for the workspace (Send, log in).
#include <string_view>

namespace baton {

bool is_blank(std::string_view text);

}  // namespace baton
