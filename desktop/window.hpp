#pragma once
// The desktop's window: GLFW with an OpenGL 3.3 core context, scaled to a HiDPI monitor, whose
// input, resizes, exposure and focus poke the runner (the backend's own callbacks chain to these).
struct GLFWwindow;

namespace baton::runner {
class Runner;
}

namespace baton::desktop {

// Null, with a line on stderr, when there is no display or no OpenGL 3.3.
GLFWwindow* open_window(int width, int height);
// After the runner exists: everything the window sees makes it draw.
void poke_on_events(GLFWwindow* window, runner::Runner& runner);
// The monitor's content scale (1 on a normal screen, 2 on HiDPI).
float content_scale(GLFWwindow* window);

}  // namespace baton::desktop
