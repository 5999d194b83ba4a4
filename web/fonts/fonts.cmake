# The text raster's fonts (included by web/CMakeLists.txt): every code point given one owner among
# the families of families.json (plan_fonts.py), each family cut into WOFF2 slices in
# build/wasm/web/fonts (cut_fonts.py, one command per family and weight so that make -j runs them
# side by side), and the page's manifest of them (fonts/fonts.json).
# Needs python3-fonttools and python3-brotli (WOFF2), and unicode-data (Unihan, for CJK slices).
find_program(BATON_FONT_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH REQUIRED)  # Debian's, with fontTools
set(FONT_SOURCE ${CMAKE_CURRENT_SOURCE_DIR}/fonts)
set(FONT_WORK ${CMAKE_CURRENT_BINARY_DIR}/text_fonts)
set(FONT_OUT ${PAGE_DIR}/fonts)
file(READ ${FONT_SOURCE}/families.json families)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${FONT_SOURCE}/families.json)

string(JSON family_count LENGTH "${families}")
math(EXPR last_family "${family_count} - 1")
set(plans "")
set(cuts "")
set(earlier_fonts "")  # a family owns what no earlier family draws: its plan depends on their files
foreach(i RANGE ${last_family})
  string(JSON key GET "${families}" ${i} key)
  string(JSON name GET "${families}" ${i} name)
  string(JSON weight_count LENGTH "${families}" ${i} faces)
  math(EXPR last_weight "${weight_count} - 1")
  set(own_fonts "")
  foreach(j RANGE ${last_weight})
    string(JSON weight MEMBER "${families}" ${i} faces ${j})
    string(JSON path GET "${families}" ${i} faces ${weight} path)
    list(APPEND own_fonts ${path})
  endforeach()
  list(APPEND earlier_fonts ${own_fonts})
  string(JSON local ERROR_VARIABLE no_local GET "${families}" ${i} local_cut)
  set(local_fonts "")
  if(NOT no_local)  # the wasm's own DejaVu cut: its code points need no download
    set(local_fonts ${CMAKE_BINARY_DIR}/assets/DejaVuSans.ttf ${CMAKE_BINARY_DIR}/assets/DejaVuSans-Bold.ttf)
  endif()
  add_custom_command(OUTPUT ${FONT_WORK}/plan-${key}.json
    COMMAND ${CMAKE_COMMAND} -E make_directory ${FONT_WORK}
    COMMAND ${BATON_FONT_PYTHON} ${FONT_SOURCE}/plan_fonts.py --families ${FONT_SOURCE}/families.json
            --family ${key} --assets ${CMAKE_BINARY_DIR}/assets --plan ${FONT_WORK}/plan-${key}.json
    DEPENDS ${FONT_SOURCE}/plan_fonts.py ${FONT_SOURCE}/families.json ${earlier_fonts} ${local_fonts}
    COMMENT "Planning the slices of ${name}")
  list(APPEND plans ${FONT_WORK}/plan-${key}.json)
  foreach(j RANGE ${last_weight})
    string(JSON weight MEMBER "${families}" ${i} faces ${j})
    string(JSON path GET "${families}" ${i} faces ${weight} path)
    add_custom_command(OUTPUT ${FONT_WORK}/cut-${key}-${weight}.json
      COMMAND ${CMAKE_COMMAND} -E make_directory ${FONT_OUT}
      COMMAND ${BATON_FONT_PYTHON} ${FONT_SOURCE}/cut_fonts.py --plan ${FONT_WORK}/plan-${key}.json
              --family "${name}" --weight ${weight} --out ${FONT_OUT} --stamp ${FONT_WORK}/cut-${key}-${weight}.json
      DEPENDS ${FONT_SOURCE}/cut_fonts.py ${FONT_WORK}/plan-${key}.json ${path}
      COMMENT "Cutting ${name} ${weight} into slices")
    list(APPEND cuts ${FONT_WORK}/cut-${key}-${weight}.json)
  endforeach()
endforeach()

# The page's manifest and the last-resort font, from every plan; after the cuts, so that removing
# stale slices never races a cut. Rewritten only when their content changes (their ETag stays).
add_custom_command(OUTPUT ${FONT_WORK}/merge.stamp
  BYPRODUCTS ${FONT_OUT}/fonts.json ${FONT_OUT}/last-resort.woff2
  COMMAND ${BATON_FONT_PYTHON} ${FONT_SOURCE}/plan_fonts.py --families ${FONT_SOURCE}/families.json
          --plans ${FONT_WORK} --fonts ${FONT_OUT} --manifest ${FONT_OUT}/fonts.json
  COMMAND ${CMAKE_COMMAND} -E touch ${FONT_WORK}/merge.stamp
  DEPENDS ${FONT_SOURCE}/plan_fonts.py ${FONT_SOURCE}/families.json ${plans} ${cuts}
  COMMENT "The text raster's font manifest")

add_custom_target(baton_text_fonts ALL DEPENDS ${FONT_WORK}/merge.stamp ${cuts})
add_dependencies(baton_text_fonts baton_assets)
