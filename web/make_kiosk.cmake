# Copies the built page into the static kiosk folder: the kiosk's program (baton-kiosk.*), not the
# agents' (baton.*), and the page's files; its index.html starts the kiosk by itself.
file(MAKE_DIRECTORY ${KIOSK_DIR})
file(REMOVE ${KIOSK_DIR}/baton.js ${KIOSK_DIR}/baton.wasm ${KIOSK_DIR}/baton.data)  # a build from before the kiosk had its own program
foreach(file baton-kiosk.js baton-kiosk.wasm baton-kiosk.data page.js page.css text.js semantics.js gl_state_cache.js favicon.svg)
  file(COPY ${PAGE_DIR}/${file} DESTINATION ${KIOSK_DIR})
endforeach()
# The text raster's fonts, exactly the planned ones (a slice no longer planned is not carried).
file(REMOVE_RECURSE ${KIOSK_DIR}/fonts ${KIOSK_DIR}/assets)
file(COPY ${PAGE_DIR}/fonts DESTINATION ${KIOSK_DIR})
# What the workspace fetches when a language is chosen: its words and the glyphs they need.
file(COPY ${LAZY_DIR} DESTINATION ${KIOSK_DIR}/assets)
file(READ ${PAGE_DIR}/index.html page)
string(REPLACE "<script src=\"page.js\"></script>"
       "<script>window.BATON_KIOSK = true;</script>\n<script src=\"page.js\"></script>" page "${page}")
string(REPLACE "<title>Baton</title>" "<title>Baton training kiosk</title>" page "${page}")
file(WRITE ${KIOSK_DIR}/index.html "${page}")
