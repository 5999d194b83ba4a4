#pragma once
// The test hook's snapshot as a file (--snapshot-file): what the page's window.baton.snapshot()
// returns, plus a `desktop` part only this build knows (title, scale, the F12 panel's contents).
#include <string>

#include <nlohmann/json.hpp>

namespace baton::desktop {

// Written through a temporary file and a rename: readers see the old snapshot or the new one.
void write_snapshot(const std::string& path, const std::string& hook_json, nlohmann::json desktop);

}  // namespace baton::desktop
