#pragma once
// Dear ImGui build options for Baton (IMGUI_USER_CONFIG). The test-engine item hooks give the test
// hook every item's id, rectangle and label (shell/test_hook.cpp defines them); no test engine.
#define IMGUI_ENABLE_TEST_ENGINE
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_KEYIO
