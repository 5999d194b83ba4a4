#include "desktop_platform.hpp"

#include <chrono>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <GLFW/glfw3.h>

#include "imgui.h"
#include "imgui_internal.h"
#include "test_hook.hpp"

namespace baton::desktop {

Time DesktopPlatform::now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int DesktopPlatform::utc_offset_minutes(Time at) {
  const std::time_t seconds = static_cast<std::time_t>(at / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  return static_cast<int>(local.tm_gmtoff / 60);
}

void DesktopPlatform::set_title(const std::string& title) {
  if (title == title_) return;
  title_ = title;
  if (window_) glfwSetWindowTitle(window_, title.c_str());
}

void DesktopPlatform::copy_to_clipboard(const std::string& text) {
  if (window_) glfwSetClipboardString(window_, text.c_str());
}

// Into the working directory: the debug build runs from a terminal, where the file is expected.
std::string DesktopPlatform::save_file(const std::string& name, const std::string&, const std::string& content) {
  std::ofstream out(name, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) return {};
  std::error_code error;
  const auto path = std::filesystem::absolute(name, error);
  return error ? name : path.string();
}

std::vector<std::string> DesktopPlatform::preferred_languages() {
  std::vector<std::string> out;
  if (const char* list = std::getenv("LANGUAGE"); list && *list) {  // GNU: "ja:en"
    std::string text = list;
    for (std::size_t at = 0; at <= text.size();) {
      const std::size_t end = std::min(text.find(':', at), text.size());
      if (end > at) out.push_back(text.substr(at, end - at));
      at = end + 1;
    }
  }
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* value = std::getenv(name); value && *value && std::string(value) != "C" && std::string(value) != "POSIX") {
      out.push_back(value);  // "ja_JP.UTF-8": the language is its first part
      break;
    }
  return out;
}

void DesktopPlatform::fetch_asset(const std::string& name, std::function<void(bool ok)> done) {
  std::error_code error;
  done(std::filesystem::exists(std::filesystem::path(assets_) / "lazy" / name, error));
}

// The composer's text changed under it (another ticket opened, a reply sent). ImGui's editor keeps
// its own copy while it is active and would show the old text, so it lets go; the next frame draws
// the new text and a click resumes editing.
void DesktopPlatform::set_editor_text(const std::string& text) {
  ImGuiContext* context = ImGui::GetCurrentContext();
  if (!context || !context->ActiveId) return;
  for (const shell::hook::Widget& widget : shell::hook::widgets())
    if (widget.name == "composer" && widget.id == context->ActiveId) {
      const ImGuiInputTextState* editing = ImGui::GetInputTextState(widget.id);
      if (editing && std::string(editing->TextA.Data, editing->TextLen) == text) return;
      ImGui::ClearActiveID();
      return;
    }
}

}  // namespace baton::desktop
