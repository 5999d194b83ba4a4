# Dear ImGui from Debian's source package (scripts/install-deps.sh unpacks it into .deps/): one
# library of its core with its std::string helpers (misc/cpp/imgui_stdlib), and one of its GLFW and
# OpenGL3 backends that both hosts' runner uses. The source folder is named here and nowhere else.
set(IMGUI_VERSION 1.92)
set(IMGUI_DIR ${CMAKE_SOURCE_DIR}/.deps/imgui-${IMGUI_VERSION})
if(NOT EXISTS ${IMGUI_DIR}/imgui.cpp)
  message(FATAL_ERROR "Dear ImGui ${IMGUI_VERSION} source missing in ${IMGUI_DIR}: run scripts/install-deps.sh")
endif()

add_library(baton_imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp)
target_include_directories(baton_imgui PUBLIC ${IMGUI_DIR} ${CMAKE_SOURCE_DIR}/shell/imconfig)
target_compile_definitions(baton_imgui PUBLIC IMGUI_USER_CONFIG="baton_imconfig.h")
target_compile_options(baton_imgui PRIVATE -w)  # third-party code: its warnings are not ours to fix

# The GLFW + OpenGL3 backends: emscripten brings its own GLFW (-sUSE_GLFW=3 at link time) and WebGL2;
# natively they need Debian's libglfw3-dev and OpenGL.
if(EMSCRIPTEN)
  add_library(baton_imgui_glfw_gl3 STATIC ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
  target_link_libraries(baton_imgui_glfw_gl3 PUBLIC baton_imgui)
else()
  find_package(glfw3 3.3 QUIET)
  find_package(OpenGL QUIET)
  if(glfw3_FOUND AND OpenGL_FOUND)
    add_library(baton_imgui_glfw_gl3 STATIC ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
    target_link_libraries(baton_imgui_glfw_gl3 PUBLIC baton_imgui glfw OpenGL::GL ${CMAKE_DL_LIBS})
  endif()
endif()
if(TARGET baton_imgui_glfw_gl3)
  target_include_directories(baton_imgui_glfw_gl3 PUBLIC ${IMGUI_DIR}/backends)
  target_compile_options(baton_imgui_glfw_gl3 PRIVATE -w)
endif()
