#pragma once
// A scripted network and platform for the workspace's tests, and a headless Dear ImGui frame: the
// real App and views run, the test answers each request and plays the live socket's messages.
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "i18n/words.hpp"
#include "imgui.h"
#include "net_client.hpp"
#include "platform.hpp"
#include "storage.hpp"
#include "test_hook.hpp"
#include "views/ui.hpp"
#include "workspace.hpp"

namespace baton::shell::testing {

using Json = nlohmann::json;

struct Request {
  std::string method, path, body, token;
  HttpCallback done;
  Json json() const { return body.empty() ? Json() : Json::parse(body); }
};

class FakeNet : public NetClient {
 public:
  std::deque<Request> requests;
  std::vector<std::string> sent;  // socket messages the workspace sent
  SocketHandlers socket;
  int sockets_opened = 0;
  bool socket_open = false;

  void request(const std::string& method, const std::string& path, const std::string& body, const std::string& token,
               HttpCallback done) override {
    requests.push_back({method, path, body, token, std::move(done)});
  }
  void open_socket(const std::string&, SocketHandlers handlers) override {
    socket = std::move(handlers);
    ++sockets_opened;
  }
  void send(const std::string& text) override { sent.push_back(text); }
  void close_socket() override { socket_open = false; }

  // The oldest request whose path starts with `prefix`, removed from the queue.
  Request take(const std::string& method, const std::string& prefix) {
    for (auto it = requests.begin(); it != requests.end(); ++it)
      if (it->method == method && it->path.rfind(prefix, 0) == 0) {
        Request r = std::move(*it);
        requests.erase(it);
        return r;
      }
    throw std::runtime_error("no " + method + " " + prefix + " request; pending: " + pending());
  }
  bool has(const std::string& method, const std::string& prefix) const {
    for (const auto& r : requests)
      if (r.method == method && r.path.rfind(prefix, 0) == 0) return true;
    return false;
  }
  std::string pending() const {
    std::string out;
    for (const auto& r : requests) out += r.method + " " + r.path + "; ";
    return out;
  }
  void answer(const std::string& method, const std::string& prefix, int status, const Json& body) {
    take(method, prefix).done(HttpResponse{status, body.dump()});
  }
  void push(const Json& message) { socket.message(message.dump()); }
  std::vector<Json> sent_of(const std::string& type) const {
    std::vector<Json> out;
    for (const auto& s : sent) {
      Json j = Json::parse(s);
      if (j["type"] == type) out.push_back(j);
    }
    return out;
  }
};

class FakePlatform : public Platform {
 public:
  Time now = 1'800'000'000'000;
  MemoryStorage store;  // the workspace's Storage in tests (a browser's localStorage)
  std::map<std::string, std::string>& storage = store.values;
  std::string title, clipboard, editor_text;
  std::map<std::string, std::string> files;  // saved with save_file
  EditorPlacement editor;
  bool native_editor = true;
  std::vector<std::string> languages;  // the browser's, best first
  bool native_fields = false;           // true: one-line fields are the platform's (the page's <input>s)
  std::vector<FieldPlacement> fields;   // as placed by the last frame
  TextRaster* raster = nullptr;        // the text ImGui cannot lay out (none: ImGui draws everything)
  SystemLook look;                     // what the system prefers
  std::optional<Appearance> shown;     // what the workspace last said it draws with

  Time now_ms() override { return now; }
  int utc_offset_minutes(Time) override { return 0; }
  void set_title(const std::string& t) override { title = t; }
  void copy_to_clipboard(const std::string& text) override { clipboard = text; }
  std::string save_file(const std::string& name, const std::string&, const std::string& content) override {
    files[name] = content;
    return "the test's files";
  }
  bool has_native_editor() const override { return native_editor; }
  std::vector<std::string> preferred_languages() override { return languages; }
  void place_editor(const EditorPlacement& placement) override { editor = placement; }
  void set_editor_text(const std::string& text) override { editor_text = text; }
  bool has_native_fields() const override { return native_fields; }
  void place_fields(const std::vector<FieldPlacement>& placed) override { fields = placed; }
  // Every announcement published, in order (a test takes and clears them).
  std::vector<sem::Announcement> said;
  std::vector<std::string> focused;  // where the workspace moved the keyboard, frame by frame
  void publish_semantics(const sem::Frame& frame) override {
    said.insert(said.end(), frame.said.begin(), frame.said.end());
    if (!frame.focus.empty()) focused.push_back(frame.focus);
  }
  const FieldPlacement* field(const std::string& id) const {
    for (const FieldPlacement& f : fields)
      if (f.id == id) return &f;
    return nullptr;
  }
  TextRaster* text_raster() override { return raster; }
  SystemLook system_look() override { return look; }
  void show_appearance(const Appearance& appearance) override { shown = appearance; }
};

// Dear ImGui without a window or a GPU: the views lay out and the test hook records.
class Headless {
 public:
  Headless() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1400, 860);
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;  // glyphs baked on demand, as in the hosts
    ui::load_fonts(BATON_TEST_ASSETS);
    i18n::set_languages(i18n::Languages::load(BATON_TEST_ASSETS "/i18n"));
    i18n::use("en");
    ui::set_appearance({});
    ui::apply_theme(1.0f);
  }
  // What a renderer does with the font atlas's textures after a frame: here, nothing but saying so.
  static void textures_uploaded() {
    for (ImTextureData* texture : ImGui::GetPlatformIO().Textures) {
      if (texture->Status == ImTextureStatus_WantCreate || texture->Status == ImTextureStatus_WantUpdates) {
        if (texture->TexID == ImTextureID_Invalid) texture->SetTexID(1);
        texture->SetStatus(ImTextureStatus_OK);
      } else if (texture->Status == ImTextureStatus_WantDestroy) {
        texture->SetTexID(ImTextureID_Invalid);
        texture->SetStatus(ImTextureStatus_Destroyed);
      }
    }
  }
  ~Headless() { ImGui::DestroyContext(); }
  // One pass of the views, as a runner lays one out; nothing published (a runner publishes the
  // pass it shows: Workspace::publish).
  static void pass(Workspace& workspace) {
    ImGui::GetIO().DeltaTime = 1.0f / 60;
    ImGui::NewFrame();
    workspace.draw();
    ImGui::Render();
    textures_uploaded();
  }
  // Two frames, as the runner draws after any change: auto-sized panels settle in the second.
  void frame(Workspace& workspace) {
    for (int i = 0; i < 2; ++i) {
      workspace.passes_wanted(true);
      if (workspace.appearance() != ui::appearance()) {  // as the runner does: a new theme between frames
        ui::set_appearance(workspace.appearance());
        ui::apply_theme(1.0f);
      }
      pass(workspace);
    }
    workspace.publish();
  }
  // A click on a widget of the last frame, by stable id: down in one frame, up in the next.
  void click(Workspace& workspace, const std::string& id) {
    const hook::Widget* w = find(id);
    if (!w) throw std::runtime_error("no widget " + id);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(w->x + w->w / 2, w->y + w->h / 2);
    frame(workspace);
    io.AddMouseButtonEvent(0, true);
    frame(workspace);
    io.AddMouseButtonEvent(0, false);
    frame(workspace);
    frame(workspace);
  }
  static const hook::Widget* find(const std::string& id) {
    for (const auto& w : hook::widgets())
      if (w.name == id) return &w;
    return nullptr;
  }
  static bool shows(const std::string& needle) {
    for (const auto& t : hook::texts())
      if (t.find(needle) != std::string::npos) return true;
    return false;
  }
};

}  // namespace baton::shell::testing
