#pragma once
// Which code points the text raster's fonts draw: the union of the shipped fonts' cmaps (each
// code point owned by one slice, see web/fonts/plan_fonts.py), compiled into the wasm at build
// time. Private use is never covered. Default-ignorable characters (ZWJ, ZWNJ, variation
// selectors, tag characters) and TAB, LF, CR are: they are laid out, not drawn, so text with them
// has no missing glyph.
namespace baton::web {

bool text_covered(char32_t code_point);

}  // namespace baton::web
