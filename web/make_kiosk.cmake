# Copies the built page into the static kiosk folder; its index.html starts the kiosk by itself.
file(MAKE_DIRECTORY ${KIOSK_DIR})
foreach(file baton.js baton.wasm baton.data page.js page.css text.js semantics.js favicon.svg)
  file(COPY ${PAGE_DIR}/${file} DESTINATION ${KIOSK_DIR})
endforeach()
# The text raster's fonts, exactly the planned ones (a slice no longer planned is not carried).
file(REMOVE_RECURSE ${KIOSK_DIR}/fonts)
file(COPY ${PAGE_DIR}/fonts DESTINATION ${KIOSK_DIR})
file(READ ${PAGE_DIR}/index.html page)
string(REPLACE "<script src=\"page.js\"></script>"
       "<script>window.BATON_KIOSK = true;</script>\n<script src=\"page.js\"></script>" page "${page}")
string(REPLACE "<title>Baton</title>" "<title>Baton training kiosk</title>" page "${page}")
file(WRITE ${KIOSK_DIR}/index.html "${page}")
