#pragma once
// Dear ImGui build options for Baton (IMGUI_USER_CONFIG). The test-engine item hooks give the test
// hook every item's id, rectangle and label (shell/test_hook.cpp defines them); no test engine.
#define IMGUI_ENABLE_TEST_ENGINE
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_KEYIO

#ifdef __EMSCRIPTEN__
// The page ships its own fonts and has no use for ImGui's metrics and debug-log windows (the
// desktop debug build keeps both): a smaller download.
#define IMGUI_DISABLE_DEBUG_TOOLS
#define IMGUI_DISABLE_DEFAULT_FONT
#endif
